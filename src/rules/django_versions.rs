//! Django defaults that changed between releases. `django_defaults.py` holds the newest
//! release's defaults ([`NEWEST`]); for a project that pins an older release, the settings below
//! get the default that release had. Only settings of `django_defaults.py` whose default
//! changed since Django 2.0 are listed (from the release notes of 2.1, 3.0, 3.1, 4.0 and 4.1, and
//! `django/conf/global_settings.py` of each release); a setting the release did not have is
//! absent, as if it were not a Django setting.

use crate::requirements::{NEWEST, Release};

/// What a setting's default was before the release that changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Before {
    /// This Python literal.
    Value(&'static str),
    /// The release had no such setting.
    Absent,
}

pub struct Change {
    pub setting: &'static str,
    /// The first release with the default of `django_defaults.py`.
    pub since: Release,
    pub before: Before,
}

/// One entry per setting, in release order.
pub const CHANGES: &[Change] = &[
    // 2.1 added SameSite cookies, 'Lax' by default.
    Change {
        setting: "SESSION_COOKIE_SAMESITE",
        since: (2, 1),
        before: Before::Absent,
    },
    // 3.0: "The default value of X_FRAME_OPTIONS is changed from 'SAMEORIGIN' to 'DENY'".
    Change {
        setting: "X_FRAME_OPTIONS",
        since: (3, 0),
        before: Before::Value("'SAMEORIGIN'"),
    },
    // 3.0: SECURE_CONTENT_TYPE_NOSNIFF defaults to True.
    Change {
        setting: "SECURE_CONTENT_TYPE_NOSNIFF",
        since: (3, 0),
        before: Before::Value("False"),
    },
    // 3.0: FILE_UPLOAD_PERMISSIONS defaults to 0o644 (None left the mode to the OS).
    Change {
        setting: "FILE_UPLOAD_PERMISSIONS",
        since: (3, 0),
        before: Before::Value("None"),
    },
    // 3.0 added SECURE_REFERRER_POLICY as None, 3.1 made it 'same-origin'. Before 3.0 the
    // middleware sent no Referrer-Policy header, which is what None means.
    Change {
        setting: "SECURE_REFERRER_POLICY",
        since: (3, 1),
        before: Before::Value("None"),
    },
    // 4.0 added SECURE_CROSS_ORIGIN_OPENER_POLICY, 'same-origin' by default.
    Change {
        setting: "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        since: (4, 0),
        before: Before::Absent,
    },
    // 4.1 added SECRET_KEY_FALLBACKS.
    Change {
        setting: "SECRET_KEY_FALLBACKS",
        since: (4, 1),
        before: Before::Absent,
    },
];

/// Django's defaults for `release`, as Python source: `newest` (the text of
/// `django_defaults.py`) with each setting that changed after `release` set back to its old
/// default, or left out when `release` did not have it. Each such setting is a one-line
/// assignment in `newest`.
pub fn defaults_source(newest: &str, release: Release) -> String {
    let mut out = String::with_capacity(newest.len());
    for line in newest.split_inclusive('\n') {
        let change = CHANGES.iter().find(|c| {
            release < c.since
                && line
                    .strip_prefix(c.setting)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        match change {
            None => out.push_str(line),
            Some(Change {
                before: Before::Absent,
                ..
            }) => {}
            Some(Change {
                setting,
                before: Before::Value(value),
                ..
            }) => out.push_str(&format!("{setting} = {value}\n")),
        }
    }
    out
}

/// Whether djsafe has the defaults of `release`: releases newer than the newest it knows get
/// the newest defaults.
pub fn is_known(release: Release) -> bool {
    release <= NEWEST
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWEST_DEFAULTS: &str = include_str!("django_defaults.py");

    fn assignment<'s>(source: &'s str, setting: &str) -> Option<&'s str> {
        source.lines().find_map(|line| {
            line.strip_prefix(setting)
                .and_then(|rest| rest.trim_start().strip_prefix('='))
                .map(str::trim)
        })
    }

    #[test]
    fn every_changed_setting_is_a_one_line_default_listed_once() {
        for (i, change) in CHANGES.iter().enumerate() {
            let newest = assignment(NEWEST_DEFAULTS, change.setting)
                .unwrap_or_else(|| panic!("{} is not in django_defaults.py", change.setting));
            assert!(!newest.ends_with(['[', '{', '(']), "{}", change.setting);
            assert!(change.since <= NEWEST);
            assert!(
                CHANGES[..i].iter().all(|c| c.setting != change.setting),
                "{} is listed twice",
                change.setting
            );
        }
    }

    #[test]
    fn newest_defaults_are_unchanged() {
        assert_eq!(defaults_source(NEWEST_DEFAULTS, NEWEST), NEWEST_DEFAULTS);
        assert_eq!(defaults_source(NEWEST_DEFAULTS, (4, 1)), NEWEST_DEFAULTS);
        assert_eq!(defaults_source(NEWEST_DEFAULTS, (9, 0)), NEWEST_DEFAULTS);
    }

    #[test]
    fn older_releases_get_their_defaults() {
        let django_4_0 = defaults_source(NEWEST_DEFAULTS, (4, 0));
        assert_eq!(assignment(&django_4_0, "SECRET_KEY_FALLBACKS"), None);
        assert_eq!(
            assignment(&django_4_0, "SECURE_CROSS_ORIGIN_OPENER_POLICY"),
            Some("\"same-origin\"")
        );
        // SECRET_KEY stays: only the exact setting name matches.
        assert_eq!(assignment(&django_4_0, "SECRET_KEY"), Some("\"\""));

        let django_3_0 = defaults_source(NEWEST_DEFAULTS, (3, 0));
        assert_eq!(
            assignment(&django_3_0, "SECURE_REFERRER_POLICY"),
            Some("None")
        );
        assert_eq!(assignment(&django_3_0, "X_FRAME_OPTIONS"), Some("\"DENY\""));
        assert_eq!(
            assignment(&django_3_0, "SECURE_CROSS_ORIGIN_OPENER_POLICY"),
            None
        );

        let django_2_2 = defaults_source(NEWEST_DEFAULTS, (2, 2));
        assert_eq!(
            assignment(&django_2_2, "X_FRAME_OPTIONS"),
            Some("'SAMEORIGIN'")
        );
        assert_eq!(
            assignment(&django_2_2, "SECURE_CONTENT_TYPE_NOSNIFF"),
            Some("False")
        );
        assert_eq!(
            assignment(&django_2_2, "FILE_UPLOAD_PERMISSIONS"),
            Some("None")
        );
        assert_eq!(
            assignment(&django_2_2, "SESSION_COOKIE_SAMESITE"),
            Some("\"Lax\"")
        );
        assert_eq!(
            assignment(
                &defaults_source(NEWEST_DEFAULTS, (2, 0)),
                "SESSION_COOKIE_SAMESITE"
            ),
            None
        );
        assert!(is_known((4, 2)) && !is_known((7, 0)));
    }
}
