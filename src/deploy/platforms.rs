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
