//! The WellHive demo client's key pairs. They are fixed test keys, committed on purpose and
//! good for nothing but this sandbox: the private halves are written to the state directory
//! (mode 0600) for the demo client, the public halves are what the token endpoint verifies
//! client assertions against (RS256 and ES256, as WellHive accepts both).

use std::io::Write;
use std::path::{Path, PathBuf};

use jsonwebtoken::DecodingKey;

use crate::error::SandboxError;

pub const RSA_PRIVATE_PEM: &str = include_str!("keys/wellhive-demo-rsa.pem");
pub const RSA_PUBLIC_PEM: &str = include_str!("keys/wellhive-demo-rsa.pub.pem");
pub const EC_PRIVATE_PEM: &str = include_str!("keys/wellhive-demo-ec.pem");
pub const EC_PUBLIC_PEM: &str = include_str!("keys/wellhive-demo-ec.pub.pem");

pub struct DemoKeys {
    pub rsa: DecodingKey,
    pub ec: DecodingKey,
    pub rsa_private_path: PathBuf,
    pub ec_private_path: PathBuf,
}

impl std::fmt::Debug for DemoKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoKeys")
            .field("rsa_private_path", &self.rsa_private_path)
            .finish_non_exhaustive()
    }
}

fn write_private(path: &Path, pem: &str) -> Result<(), SandboxError> {
    let err = |source| SandboxError::KeyFile {
        path: path.display().to_string(),
        source,
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        let mut f = opts.open(path).map_err(err)?;
        // An existing file keeps its old mode through open(); set it explicitly.
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(err)?;
        f.write_all(pem.as_bytes()).map_err(err)?;
    }
    #[cfg(not(unix))]
    {
        let mut f = opts.open(path).map_err(err)?;
        f.write_all(pem.as_bytes()).map_err(err)?;
    }
    Ok(())
}

impl DemoKeys {
    pub fn install(dir: &Path) -> Result<Self, SandboxError> {
        let rsa_private_path = dir.join("wellhive-demo-key.pem");
        let ec_private_path = dir.join("wellhive-demo-key-es256.pem");
        write_private(&rsa_private_path, RSA_PRIVATE_PEM)?;
        write_private(&ec_private_path, EC_PRIVATE_PEM)?;
        Ok(DemoKeys {
            rsa: DecodingKey::from_rsa_pem(RSA_PUBLIC_PEM.as_bytes())?,
            ec: DecodingKey::from_ec_pem(EC_PUBLIC_PEM.as_bytes())?,
            rsa_private_path,
            ec_private_path,
        })
    }
}
