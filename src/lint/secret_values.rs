//! Which values a deployment file writes are secrets: Django's `SECRET_KEY`, a credential by
//! its name, a URL with a password, a mapping with a credential key. The deployment findings
//! (DJS003, DJS033) report them; `djsafe deployments` shows them redacted, so that a listing
//! pasted into a CI log or an issue does not spread the secret further. Templates and obvious
//! placeholders (`changeme`, `<your-key>`) are not secrets.

use crate::rules::beyond_django::is_placeholder;
use crate::rules::hardcoded_credential::{is_credential_name, url_with_password};

/// A secret a deployment writes into a variable, by what makes it one.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum SecretValue {
    /// Django's `SECRET_KEY`, by one of the names deployments give it.
    DjangoKey,
    /// A variable whose name says it holds a credential (`DB_PASSWORD`, `API_TOKEN`).
    Credential,
    /// A URL with a password; the URL with the password masked.
    UrlWithPassword(String),
    /// A Python or JSON mapping with a credential key; that key.
    MappingWithCredential(String),
}

impl SecretValue {
    /// What `name=value` holds, if it is a secret.
    pub(super) fn classify(name: &str, value: &str) -> Option<SecretValue> {
        if value.trim().is_empty() || is_placeholder(value) || is_obvious_placeholder(value) {
            return None;
        }
        let upper = name.to_ascii_uppercase();
        if matches!(
            upper.as_str(),
            "SECRET_KEY" | "DJANGO_SECRET_KEY" | "DJANGO_SECRET"
        ) {
            return Some(SecretValue::DjangoKey);
        }
        // `ALLOW_EMPTY_PASSWORD=yes`, `USE_PASSWORD_AUTH=true`: a switch about a credential.
        if is_credential_name(name) && !is_flag(value) {
            return Some(SecretValue::Credential);
        }
        if let Some(masked) = url_with_password(value) {
            return Some(SecretValue::UrlWithPassword(masked));
        }
        credential_in_mapping(value).map(SecretValue::MappingWithCredential)
    }

    /// How a finding says what the deployment sets `name` to.
    pub(super) fn describe(&self, name: &str) -> String {
        match self {
            SecretValue::DjangoKey => format!("{name} (Django's SECRET_KEY) to a literal"),
            SecretValue::Credential => format!("the credential {name} to a literal"),
            SecretValue::UrlWithPassword(masked) => {
                format!("{name} to a URL with a hardcoded password ({masked})")
            }
            SecretValue::MappingWithCredential(key) => {
                format!("{name} to a mapping with a hardcoded {key}")
            }
        }
    }

    /// The value as a listing may show it: the URL with its password masked, otherwise nothing
    /// of the secret.
    pub(super) fn redacted(&self) -> String {
        match self {
            SecretValue::UrlWithPassword(masked) => masked.clone(),
            SecretValue::MappingWithCredential(key) => {
                format!("<a mapping with a {key}, redacted>")
            }
            SecretValue::DjangoKey | SecretValue::Credential => "<redacted>".into(),
        }
    }
}

/// `value` as `djsafe deployments` shows it for the variable `name`: redacted when it is a secret.
pub(super) fn shown_value(name: &str, value: &str) -> String {
    match SecretValue::classify(name, value) {
        Some(secret) => secret.redacted(),
        None => value.to_string(),
    }
}

/// The credential key of a Python or JSON mapping written into a variable
/// (`MAYAN_DATABASES="{'default': {'PASSWORD': 'mayandbpass'}}"`, read with `literal_eval` or
/// `json.loads`) whose value is a literal that is not a placeholder.
fn credential_in_mapping(value: &str) -> Option<String> {
    if !value.trim_start().starts_with('{') {
        return None;
    }
    // The quoted strings of the text, each with whether a `:` follows it (a key).
    let mut strings: Vec<(String, bool)> = Vec::new();
    // Whether only blanks came since the last string closed.
    let mut after_string = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\'' && c != '"' {
            if c == ':'
                && after_string
                && let Some(last) = strings.last_mut()
            {
                last.1 = true;
            }
            if !c.is_whitespace() {
                after_string = false;
            }
            continue;
        }
        let mut text = String::new();
        let mut closed = false;
        while let Some(inner) = chars.next() {
            match inner {
                '\\' => {
                    if let Some(escaped) = chars.next() {
                        text.push(escaped);
                    }
                }
                _ if inner == c => {
                    closed = true;
                    break;
                }
                _ => text.push(inner),
            }
        }
        if !closed {
            return None;
        }
        strings.push((text, false));
        after_string = true;
    }
    strings.windows(2).find_map(|pair| {
        let ((key, is_key), (literal, _)) = (&pair[0], &pair[1]);
        (*is_key
            && is_credential_name(key)
            && !literal.trim().is_empty()
            && !is_placeholder(literal)
            && !is_obvious_placeholder(literal)
            && !is_flag(literal))
        .then(|| key.clone())
    })
}

/// A boolean switch's value, as shells, YAML and env files spell it.
fn is_flag(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "yes" | "no" | "true" | "false" | "on" | "off" | "0" | "1" | "y" | "n"
    )
}

/// Values nobody means as a secret: `changeme`, `change-me-in-production`, `<your-key>`,
/// `xxxxxxxx`, `...`.
fn is_obvious_placeholder(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    let squashed: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    squashed.contains("changeme")
        || squashed.contains("replaceme")
        || (lower.starts_with('<') && lower.ends_with('>'))
        || (!squashed.is_empty() && squashed.chars().all(|c| c == 'x'))
        || squashed.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{SecretValue, is_flag, is_obvious_placeholder};

    #[test]
    fn switches_about_credentials_are_not_credentials() {
        for value in ["yes", "True", "off", "1"] {
            assert!(is_flag(value), "{value}");
            assert_eq!(SecretValue::classify("ALLOW_EMPTY_PASSWORD", value), None);
        }
        for value in ["s3cret", "123"] {
            assert!(!is_flag(value), "{value}");
            assert_eq!(
                SecretValue::classify("DB_PASSWORD", value),
                Some(SecretValue::Credential)
            );
        }
    }

    #[test]
    fn credentials_in_mappings_written_into_variables() {
        use super::credential_in_mapping;
        let databases = "{'default':{'ENGINE':'django.db.backends.postgresql','NAME':'mayan','PASSWORD':'mayandbpass','USER':'mayan'}}";
        assert_eq!(
            credential_in_mapping(databases).as_deref(),
            Some("PASSWORD")
        );
        let json = r#"{"default": {"password": "s3cret", "host": "db"}}"#;
        assert_eq!(credential_in_mapping(json).as_deref(), Some("password"));
        // No credential key, an empty or placeholder value, not a mapping.
        assert_eq!(
            credential_in_mapping("{'redis_url':'redis://redis:6379/2'}"),
            None
        );
        assert_eq!(credential_in_mapping("{'PASSWORD': ''}"), None);
        assert_eq!(credential_in_mapping("{'PASSWORD': 'changeme'}"), None);
        assert_eq!(credential_in_mapping("PASSWORD: s3cret"), None);
        // A password that is a value, not a key.
        assert_eq!(
            credential_in_mapping("{'field': 'password', 'x': 'y'}"),
            None
        );
    }

    #[test]
    fn obvious_placeholders() {
        for value in [
            "changeme",
            "change-me-in-production",
            "CHANGE_ME",
            "<your-secret-key>",
            "xxxxxxxx",
            "...",
        ] {
            assert!(is_obvious_placeholder(value), "{value}");
        }
        for value in [
            "ralph_ng",
            "your-secret-key-here-1234567890",
            "django-insecure-abc",
            "postgres",
        ] {
            assert!(!is_obvious_placeholder(value), "{value}");
        }
    }

    #[test]
    fn listings_redact_secrets_and_show_the_rest() {
        use super::shown_value;
        assert_eq!(
            shown_value("DJANGO_SECRET_KEY", "k3y-0f-the-site"),
            "<redacted>"
        );
        assert_eq!(shown_value("POSTGRES_PASSWORD", "hunter2"), "<redacted>");
        assert_eq!(
            shown_value("DATABASE_URL", "postgres://app:hunter2@db:5432/app"),
            "postgres://app:****@db:5432/app"
        );
        assert_eq!(
            shown_value(
                "MAYAN_DATABASES",
                "{'default': {'PASSWORD': 'mayandbpass'}}"
            ),
            "<a mapping with a PASSWORD, redacted>"
        );
        // Not secrets: shown as they are.
        assert_eq!(shown_value("POSTGRES_PASSWORD", "changeme"), "changeme");
        assert_eq!(shown_value("ALLOW_EMPTY_PASSWORD", "yes"), "yes");
        assert_eq!(shown_value("DEBUG", "True"), "True");
        assert_eq!(
            shown_value("DATABASE_URL", "postgres://db:5432/app"),
            "postgres://db:5432/app"
        );
    }
}
