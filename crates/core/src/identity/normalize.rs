//! Text normalisation shared by identity matching and the search index: what a receptionist
//! types and what a vendor sent must fold to the same key, whatever the accents, hyphens,
//! apostrophes, case or phone formatting.

/// Folds text to a search key: lower case, Latin accents removed, apostrophes dropped (so
/// "O'Brien" is "obrien"), every other non-alphanumeric character turned into one space.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            push_folded(&mut out, c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// The searchable tokens of a name: each part, plus the parts joined when the name is
/// compound ("Garcia-Lopez" gives `garcia`, `lopez` and `garcialopez`), so a person is found
/// whether the receptionist types the hyphen, a space, or nothing.
#[must_use]
pub fn name_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut tokens: Vec<String> = folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    if tokens.len() > 1 {
        tokens.push(tokens.concat());
    }
    tokens.dedup();
    tokens
}

/// The national digits of a phone number: formatting removed and a leading North American
/// country code `1` dropped from 11-digit numbers, so `+1 (202) 555-1234` and `202.555.1234`
/// are the same key.
#[must_use]
pub fn phone_digits(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 11 && digits.starts_with('1') {
        digits[1..].to_owned()
    } else {
        digits
    }
}

/// E-mail addresses compare case-insensitively and without surrounding blanks.
#[must_use]
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// MRNs and chart numbers compare on their letters and digits only (`MRN-00123` = `mrn00123`).
#[must_use]
pub fn normalize_mrn(mrn: &str) -> String {
    mrn.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00b4}' | '\u{02bc}'
    )
}

/// Latin letters with diacritics to their base letters. A table rather than Unicode
/// decomposition keeps `core` free of a normalisation dependency and also covers the letters
/// that do not decompose (ß, ø, ł, đ, æ, œ, þ); Vietnamese sits in Latin Extended Additional
/// in alphabetical runs, hence the ranges.
// One arm per block of the Unicode chart reads better as a table than merged arms would.
#[allow(clippy::match_same_arms)]
fn push_folded(out: &mut String, c: char) {
    let base: &str = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' | 'Ǎ' | 'ǎ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Ơ' | 'ơ' => "o",
        'Ư' | 'ư' => "u",
        '\u{1ea0}'..='\u{1eb7}' => "a",
        '\u{1eb8}'..='\u{1ec7}' => "e",
        '\u{1ec8}'..='\u{1ecb}' => "i",
        '\u{1ecc}'..='\u{1ee3}' => "o",
        '\u{1ee4}'..='\u{1ef1}' => "u",
        '\u{1ef2}'..='\u{1ef9}' => "y",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(base);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_apostrophes_and_hyphens_fold_to_one_key() {
        assert_eq!(fold("José  Núñez"), "jose nunez");
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("O’Brien"), "obrien");
        assert_eq!(fold("Garcia-López"), "garcia lopez");
        assert_eq!(fold("Müller-Straße"), "muller strasse");
        assert_eq!(fold("  Łukasz  "), "lukasz");
        assert_eq!(fold("Nguyễn Thị Ánh"), "nguyen thi anh");
        assert_eq!(fold("Trương"), "truong");
    }

    #[test]
    fn compound_names_are_searchable_joined_and_apart() {
        assert_eq!(
            name_tokens("Garcia-Lopez"),
            vec!["garcia", "lopez", "garcialopez"]
        );
        assert_eq!(name_tokens("D'Angelo"), vec!["dangelo"]);
        assert!(name_tokens("  ").is_empty());
    }

    #[test]
    fn phones_compare_on_national_digits() {
        assert_eq!(phone_digits("+1 (202) 555-1234"), "2025551234");
        assert_eq!(phone_digits("202.555.1234"), "2025551234");
        assert_eq!(phone_digits("+44 20 7946 0958"), "442079460958");
    }

    #[test]
    fn mrns_compare_on_letters_and_digits() {
        assert_eq!(normalize_mrn("MRN-00123"), "mrn00123");
        assert_eq!(normalize_email(" Rosa@Clinic.ORG "), "rosa@clinic.org");
    }
}
