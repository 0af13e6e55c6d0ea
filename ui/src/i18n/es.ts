// Spanish, shipped: typed as the English catalogue's keys, so a key missing here fails tsc.
import type { Catalogue } from "./types";

export const es: Catalogue = {
  "app.skipToContent": "Saltar al contenido principal",
  "app.loading": "Cargando…",

  "header.noPractice": "Ninguna consulta conectada",
  "header.vendors": "Conexiones con proveedores",

  "vendorState.notConfigured": "Sin configurar",
  "vendorState.ok": "Conectado",
  "vendorState.syncing": "Sincronizando",
  "vendorState.degraded": "Con problemas",
  "vendorState.offline": "Sin conexión",
  "vendorState.needsAuth": "Requiere acceso",
  "vendorState.unknown": "Desconocido",
  "vendor.asOf": "Última sincronización {time}",
  "vendor.neverSynced": "Nunca sincronizado",
  "vendor.lastError": "Último error: {error}",

  "nav.label": "Principal",
  "nav.today": "Hoy",
  "nav.patients": "Pacientes",
  "nav.book": "Citar",
  "nav.settings": "Ajustes",

  "search.label": "Buscar pacientes",
  "search.placeholder": "Buscar pacientes ({shortcut})",
  "search.results": "Resultados de la búsqueda",
  "search.noPractice": "La búsqueda no está disponible: no hay ninguna consulta conectada.",
  "search.notYetAvailable": "La búsqueda de pacientes aún no está disponible en esta versión.",

  "screen.notYetAvailable": "Esta pantalla aún no está disponible en esta versión.",
  "noPractice.title": "Ninguna consulta conectada",
  "noPractice.body":
    "Este puesto aún no está conectado a ninguna consulta, así que no hay nada que mostrar aquí.",
  "noPractice.toSettings": "Abrir Ajustes",

  "today.title": "Hoy",
  "patients.title": "Pacientes",
  "patients.hint": "Busque un paciente con el cuadro de búsqueda de arriba ({shortcut}).",
  "book.title": "Citar",

  "settings.title": "Ajustes",
  "settings.about": "Acerca de este puesto",
  "settings.practice": "Consulta",
  "settings.version": "Versión",
  "settings.dataDir": "Carpeta de datos",
  "settings.noPractice":
    "Este puesto no está conectado a ninguna consulta. La configuración de consultas aún no está disponible en esta versión.",
  "settings.language": "Idioma",
  "settings.languageLabel": "Idioma de la interfaz",
  "settings.connections": "Conexiones con proveedores",
  "settings.vendor": "Proveedor",
  "settings.state": "Estado",
  "settings.asOf": "Última sincronización",
  "settings.lastError": "Último error",
  "settings.none": "—",

  "language.en": "English",
  "language.es": "Español",

  "error.label": "Problema",
  "error.retry": "Reintentar",
  "error.offline.vendor": "No se puede conectar con {vendor}.",
  "error.offline.all": "No se puede conectar con los sistemas de la consulta.",
  "error.offline.asOf":
    "La agenda mostrada es de las {time}; las citas quedan en pausa hasta que vuelva.",
  "error.offline.asOfAll":
    "La agenda mostrada es de las {time}; las citas quedan en pausa hasta que vuelva la conexión.",
  "error.offline.noCache":
    "Aún no hay nada guardado de este proveedor; las citas quedan en pausa hasta que vuelva.",
  "error.offline.noCacheAll":
    "Aún no hay nada guardado; las citas quedan en pausa hasta que vuelva la conexión.",
  "error.unauthorized.vendor": "{vendor} rechazó las credenciales de la consulta.",
  "error.unauthorized.all": "Un proveedor rechazó las credenciales de la consulta.",
  "error.unauthorized.action": "Un administrador debe volver a conectarlo en Ajustes.",
  "error.forbidden": "Su rol no permite esto: {action}.",
  "error.forbidden.action": "Pida permiso al administrador de la consulta si lo necesita.",
  "error.locked": "El puesto está bloqueado.",
  "error.locked.action": "Inicie sesión de nuevo para continuar.",
  "error.notFound": "No se encontró {what}.",
  "error.notFound.action": "Puede que se haya cambiado o eliminado; busque de nuevo.",
  "error.invalid": "«{field}» no es válido: {message}.",
  "error.invalid.action": "Corríjalo e inténtelo de nuevo.",
  "error.conflict": "Alguien se adelantó: {message}.",
  "error.conflict.action": "Actualice y elija de nuevo.",
  "error.rateLimited": "{vendor} nos pidió ir más despacio;",
  "error.rateLimited.retryIn": "se reintentará en {secs} s.",
  "error.rateLimited.retrySoon": "se reintentará en breve.",
  "error.unavailable": "{vendor} respondió con un error: {message}.",
  "error.unavailable.trace":
    "Inténtelo de nuevo en unos minutos. Si sigue ocurriendo, dé a soporte este identificador: {traceId}.",
  "error.unavailable.noTrace":
    "Inténtelo de nuevo en unos minutos. Si sigue ocurriendo, avise a soporte.",
  "error.notConfigured": "{what} aún no está configurado.",
  "error.notConfigured.action": "Un administrador de la consulta puede configurarlo en Ajustes.",
  "error.storage": "No se puede usar la caché local: {message}.",
  "error.internal": "Algo falló dentro de Frontdesk: {message}.",
  "error.internal.action": "Inténtelo de nuevo; si sigue ocurriendo, avise a soporte.",
};
