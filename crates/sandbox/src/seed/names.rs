//! Name pools for the seeded practice: varied on purpose (accents, hyphens, apostrophes,
//! non-Latin scripts), because the desk's search and matching must cope with real names.

/// A naming tradition: given names, family names and the language its speakers often prefer.
pub struct Culture {
    pub given_f: &'static [&'static str],
    pub given_m: &'static [&'static str],
    pub family: &'static [&'static str],
    pub languages: &'static [&'static str],
    /// Relative weight of this tradition in the practice.
    pub weight: u32,
}

pub const CULTURES: &[Culture] = &[
    Culture {
        given_f: &[
            "Mary",
            "Jennifer",
            "Linda",
            "Emily",
            "Sarah",
            "Jessica",
            "Ashley",
            "Renée",
            "Zoë",
            "Mary-Kate",
        ],
        given_m: &[
            "James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas",
            "Jean-Luc", "Billy",
        ],
        family: &[
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "O'Brien",
            "O'Neil",
            "St. James",
            "Smith-Jones",
            "McAllister",
            "D'Angelo",
            "Van der Berg",
        ],
        languages: &["en"],
        weight: 40,
    },
    Culture {
        given_f: &[
            "María",
            "María José",
            "Lucía",
            "Sofía",
            "Guadalupe",
            "Ana",
            "Inés",
        ],
        given_m: &[
            "José", "Juan", "Luis", "Jesús", "Andrés", "Nicolás", "Ángel",
        ],
        family: &[
            "García",
            "Martínez",
            "Rodríguez",
            "López",
            "Hernández",
            "García-López",
            "Peña",
            "Muñoz",
            "de la Cruz",
        ],
        languages: &["es", "es", "en"],
        weight: 20,
    },
    Culture {
        given_f: &["Thi", "Lan", "Mai", "Hương", "Ngọc"],
        given_m: &["Minh", "Tuấn", "Hùng", "Quang", "Bảo"],
        family: &["Nguyen", "Nguyễn", "Tran", "Trần", "Le", "Pham", "Phạm"],
        languages: &["vi", "vi", "en"],
        weight: 8,
    },
    Culture {
        given_f: &["Mei", "Xiu Ying", "美玲", "Li Na"],
        given_m: &["Wei", "Jun", "伟", "Hao"],
        family: &["Chen", "Wang", "王", "李", "Zhang", "Liu"],
        languages: &["zh", "zh", "en"],
        weight: 6,
    },
    Culture {
        given_f: &["Анна", "Olga", "Natalia", "Ирина"],
        given_m: &["Dmitri", "Сергей", "Ivan", "Alexei"],
        family: &["Иванова", "Ivanov", "Petrova", "Смирнов", "Kuznetsov"],
        languages: &["ru", "en"],
        weight: 5,
    },
    Culture {
        given_f: &["Aisha", "Fatima", "Layla", "نور"],
        given_m: &["Mohammed", "Omar", "محمد", "Yusuf"],
        family: &["Al-Sayed", "Haddad", "El-Amin", "Abdullah", "الحسن"],
        languages: &["ar", "en"],
        weight: 5,
    },
    Culture {
        given_f: &["Chloé", "Françoise", "Siobhán", "Björk", "Åsa"],
        given_m: &["François", "Jürgen", "Søren", "Ciarán", "Zoltán"],
        family: &[
            "Müller",
            "Dubois",
            "Ó Súilleabháin",
            "Øster",
            "Kowalski",
            "Szabó",
            "Lefèvre",
        ],
        languages: &["fr", "de", "en"],
        weight: 6,
    },
    Culture {
        given_f: &["Priya", "Ananya", "Chidinma", "Ngozi", "Yuki", "Ji-woo"],
        given_m: &[
            "Arjun",
            "Rahul",
            "Oluwaseun",
            "Chukwuemeka",
            "Hiroshi",
            "Min-jun",
        ],
        family: &[
            "Patel", "Sharma", "Okafor", "Adeyemi", "Nakamura", "Kim", "Park", "Ng",
        ],
        languages: &["en", "hi", "ko", "ja"],
        weight: 10,
    },
];

/// Maiden names used for the married-name near-duplicates.
pub const MAIDEN: &[&str] = &["Walsh", "Romero", "Schneider", "Kaplan", "Hughes", "Ortiz"];

pub const STREETS: &[&str] = &[
    "Main St",
    "Oak Ave",
    "Maple Dr",
    "Cedar Ln",
    "Elm St",
    "Park Ave",
    "Lakeshore Dr",
    "Broadway",
];

pub const PROVIDER_FIRST: &[&str] = &[
    "Grace", "Samuel", "Amara", "Daniel", "Helena", "Rafael", "Ingrid", "Kwame", "Sofia", "Tomás",
    "Naomi", "Arthur", "Leila", "Victor", "Hannah", "Oscar",
];
pub const PROVIDER_LAST: &[&str] = &[
    "Lee",
    "Okonkwo",
    "Fischer",
    "Alvarez",
    "Brennan",
    "Rossi",
    "Haddad",
    "Sato",
    "Novak",
    "Whitfield",
    "Castillo",
    "Mensah",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Quinn",
];
pub const SPECIALTIES: &[&str] = &[
    "Family Medicine",
    "Internal Medicine",
    "Pediatrics",
    "Cardiology",
    "Dermatology",
    "Endocrinology",
];
