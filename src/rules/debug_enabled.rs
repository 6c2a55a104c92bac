//! DJS001 debug-enabled: DEBUG is True, or becomes True with the variable unset or spelled "off".

use crate::eval::value::{Value, python_repr};

use super::context::{Context, Draft, OFF_SPELLINGS, PROBES, quoted_list};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is False.
    let value = ctx.setting("DEBUG")?;
    if value.truthy() == Some(true)
        && let Some((span, set)) = ctx.decided_by_deployment(&value.env)
    {
        return Some(Draft {
            setting: Some("DEBUG".into()),
            fix: None,
            span,
            message: format!(
                "DEBUG is True in the deployment {}: it sets {set}",
                ctx.variant_label()
            ),
            scenario: ctx.scenario(&value.env),
            notes: vec![read_at(ctx, &value)],
        });
    }
    match value.truthy() {
        Some(true) if value.env.is_empty() => Some(Draft {
            setting: Some("DEBUG".into()),
            fix: None,
            span: value.origin,
            message: format!("DEBUG is {value} in a deployed settings module"),
            scenario: "always".into(),
            notes: Vec::new(),
        }),
        Some(true) => Some(on_when_unset(ctx, &value)),
        Some(false) => fail_open(ctx, &value),
        None => {
            // Unknown with the variables unset (e.g. `os.environ['DEBUG'] == 'True'`): the
            // spellings a deployment may use still decide whether it fails open.
            let decided = !value.env.is_empty()
                && value
                    .env
                    .iter()
                    .all(|var| PROBES.iter().all(|p| truthy_with(ctx, var, p).is_some()));
            if !decided {
                ctx.unresolved("DEBUG", &value);
            }
            fail_open(ctx, &value)
        }
    }
}

/// Where the settings read the value a deployment sets, for a note.
fn read_at(ctx: &Context, value: &Value) -> String {
    let file = ctx.project.sources.get(value.origin.file);
    format!(
        "the settings read it at {}:{}",
        file.display,
        file.position(value.origin.start).line
    )
}

/// True with the variables unset; say also which "off" spellings leave it on.
fn on_when_unset(ctx: &Context, value: &Value) -> Draft {
    let vars = &value.env;
    let mut message = format!("DEBUG is True {}", ctx.when(vars));
    for var in ctx.unset_of(vars).iter() {
        let off = spellings(ctx, var, PROBES, false);
        // A variable no spelling turns off (say ENVIRONMENT, compared with 'production') is not
        // a switch: listing spellings of "off" for it would mislead.
        if off.is_empty() {
            continue;
        }
        let on = spellings(ctx, var, OFF_SPELLINGS, true);
        if !on.is_empty() {
            message.push_str(&format!(", and also when `{var}` is {}", quoted_list(&on)));
        }
        if let [only] = off.as_slice() {
            message.push_str(&format!(
                " (of the spellings djsafe tried, only {} turns it off)",
                quoted_list(&[only])
            ));
        }
    }
    Draft {
        setting: Some("DEBUG".into()),
        fix: crate::fix::debug_enabled(ctx, value.origin, &ctx.unset_of(vars)),
        span: value.origin,
        message,
        scenario: ctx.scenario(vars),
        notes: ctx.deployment_notes(vars),
    }
}

/// Off (or unknown) by default, but on for a spelling that means "off".
fn fail_open(ctx: &Context, value: &Value) -> Option<Draft> {
    ctx.unset_of(&value.env).iter().find_map(|var| {
        let on = spellings(ctx, var, OFF_SPELLINGS, true);
        let first = on.first()?;
        let turned_on = ctx.setting_with(var, first, "DEBUG")?;
        Some(Draft {
            setting: Some("DEBUG".into()),
            fix: crate::fix::debug_enabled(
                ctx,
                turned_on.origin,
                &std::collections::BTreeSet::from([var.clone()]),
            ),
            span: turned_on.origin,
            message: format!(
                "DEBUG is True when `{var}` is {}: spellings that mean off turn debug on (the comparison fails open)",
                quoted_list(&on)
            ),
            scenario: format!("{var}={}", python_repr(first)),
            notes: Vec::new(),
        })
    })
}

fn truthy_with(ctx: &Context, var: &str, probe: &str) -> Option<bool> {
    ctx.setting_with(var, probe, "DEBUG")
        .and_then(|v| v.truthy())
}

/// The probes of `var` for which DEBUG's truthiness is `wanted`.
fn spellings(ctx: &Context, var: &str, probes: &[&'static str], wanted: bool) -> Vec<&'static str> {
    probes
        .iter()
        .copied()
        .filter(|probe| {
            ctx.setting_with(var, probe, "DEBUG")
                .and_then(|v| v.truthy())
                == Some(wanted)
        })
        .collect()
}
