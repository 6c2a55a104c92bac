//! Variables hosting platforms set in every process they run, which settings test to tell
//! whether they run there (`if 'DYNO' in os.environ:`). A branch on one of them is what that
//! platform's deployment runs, so djsafe evaluates it as a production deployment even when no
//! file of the repository sets the variable.

/// `(variable, platform, a value the platform sets it to)`.
pub const MARKERS: &[(&str, &str, &str)] = &[
    ("DYNO", "Heroku", "web.1"),
    ("RENDER", "Render", "true"),
    ("FLY_APP_NAME", "Fly.io", "app"),
    ("K_SERVICE", "Cloud Run", "service"),
    ("GAE_APPLICATION", "App Engine", "s~app"),
    ("GAE_ENV", "App Engine", "standard"),
    ("RAILWAY_ENVIRONMENT", "Railway", "production"),
    ("PLATFORM_APPLICATION_NAME", "Platform.sh", "app"),
    (
        "WEBSITE_HOSTNAME",
        "Azure App Service",
        "app.azurewebsites.net",
    ),
    ("KUBERNETES_SERVICE_HOST", "Kubernetes", "10.0.0.1"),
    ("AWS_EXECUTION_ENV", "AWS", "AWS_ECS_FARGATE"),
];

/// The platform a variable marks, and the value to evaluate it with.
pub fn marker(var: &str) -> Option<(&'static str, &'static str)> {
    MARKERS
        .iter()
        .find(|(name, _, _)| *name == var)
        .map(|(_, platform, value)| (*platform, *value))
}

/// A variable a hosting platform sets in every process it runs for the project, whatever the
/// repository says: its value when the platform's documentation gives it, else `None` (set, to a
/// value only the platform knows: the project's id, its host name, a secret).
pub struct PlatformVar {
    pub name: &'static str,
    pub value: Option<&'static str>,
}

const fn var(name: &'static str, value: Option<&'static str>) -> PlatformVar {
    PlatformVar { name, value }
}

/// App Engine standard (`GAE_ENV` is `standard` only there) and flexible environments.
pub const APP_ENGINE_STANDARD: &[PlatformVar] = &[
    var("GAE_APPLICATION", None),
    var("GAE_ENV", Some("standard")),
    var("GAE_INSTANCE", None),
    var("GAE_RUNTIME", None),
    var("GAE_SERVICE", None),
    var("GAE_VERSION", None),
    var("GOOGLE_CLOUD_PROJECT", None),
    var("PORT", None),
];
pub const APP_ENGINE_FLEXIBLE: &[PlatformVar] = &[
    var("GAE_INSTANCE", None),
    var("GAE_SERVICE", None),
    var("GAE_VERSION", None),
    var("GOOGLE_CLOUD_PROJECT", None),
    var("PORT", None),
];
/// Render's default environment variables (`RENDER_EXTERNAL_*` for web services only, which
/// is what a Django server is).
pub const RENDER: &[PlatformVar] = &[
    var("RENDER", Some("true")),
    var("IS_PULL_REQUEST", None),
    var("RENDER_EXTERNAL_HOSTNAME", None),
    var("RENDER_EXTERNAL_URL", None),
    var("RENDER_SERVICE_NAME", None),
];
/// Platform.sh's runtime variables.
pub const PLATFORM_SH: &[PlatformVar] = &[
    var("PLATFORM_APPLICATION_NAME", None),
    var("PLATFORM_APP_DIR", None),
    var("PLATFORM_BRANCH", None),
    var("PLATFORM_ENVIRONMENT", None),
    var("PLATFORM_PROJECT", None),
    var("PLATFORM_PROJECT_ENTROPY", None),
    var("PLATFORM_RELATIONSHIPS", None),
    var("PLATFORM_ROUTES", None),
];
/// Fly.io's runtime variables.
pub const FLY: &[PlatformVar] = &[
    var("FLY_ALLOC_ID", None),
    var("FLY_APP_NAME", None),
    var("FLY_MACHINE_ID", None),
    var("FLY_REGION", None),
    var("PRIMARY_REGION", None),
];
/// Heroku's dyno variables.
pub const HEROKU: &[PlatformVar] = &[var("DYNO", None), var("PORT", None)];
/// Railway's variables in every service (`RAILWAY_ENVIRONMENT` is the older name of
/// `RAILWAY_ENVIRONMENT_NAME`; the environment is named by the project, `production` at first).
pub const RAILWAY: &[PlatformVar] = &[
    var("RAILWAY_ENVIRONMENT", None),
    var("RAILWAY_ENVIRONMENT_NAME", None),
    var("RAILWAY_PROJECT_ID", None),
    var("RAILWAY_SERVICE_ID", None),
    var("RAILWAY_SERVICE_NAME", None),
];
/// Clever Cloud's variables in every instance.
pub const CLEVER_CLOUD: &[PlatformVar] = &[
    var("APP_ID", None),
    var("APP_HOME", None),
    var("INSTANCE_ID", None),
    var("INSTANCE_NUMBER", None),
    var("INSTANCE_TYPE", None),
];

/// The variables of a deployment's environment that its platform set (see [`add_platform_env`]):
/// those whose line is the deployment's own and that hold the platform's value.
pub fn set_by_platform(deployment: &super::Deployment) -> std::collections::BTreeSet<String> {
    use super::model::EnvValue;
    let all = [
        APP_ENGINE_STANDARD,
        APP_ENGINE_FLEXIBLE,
        RENDER,
        PLATFORM_SH,
        FLY,
        HEROKU,
        RAILWAY,
        CLEVER_CLOUD,
    ];
    deployment
        .env
        .iter()
        .filter(|(_, var)| var.origin == deployment.origin)
        .filter(|(name, var)| {
            all.iter().flat_map(|vars| vars.iter()).any(|platform| {
                platform.name == name.as_str()
                    && match (&var.value, platform.value) {
                        (EnvValue::Unknown(reason), None) => reason.starts_with("set by "),
                        (EnvValue::Literal(value), Some(expected)) => value == expected,
                        _ => false,
                    }
            })
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Adds what `platform` sets in every process it runs to a deployment of the project there,
/// under what the repository's own files set (a variable the repository sets keeps its value).
pub fn add_platform_env(deployment: &mut super::Deployment, platform: &str, vars: &[PlatformVar]) {
    use super::model::{EnvValue, EnvVar};
    for var in vars {
        let value = match var.value {
            Some(value) => EnvValue::Literal(value.to_string()),
            None => EnvValue::Unknown(format!("set by {platform}")),
        };
        deployment.set_default(
            var.name,
            &EnvVar {
                value,
                origin: deployment.origin.clone(),
            },
        );
    }
}
