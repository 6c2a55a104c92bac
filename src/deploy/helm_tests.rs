use super::*;
use crate::deploy::Process;

const TEMPLATE: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          command: ["gunicorn"]
          args:
            - shop.wsgi:application
            - --bind
            - 0.0.0.0:8000
          env:
            - name: DJANGO_SETTINGS_MODULE
              value: {{ .Values.django.settingsModule | quote }}
            - name: DEBUG
              value: "{{ .Values.django.debug | default "False" }}"
            - name: RELEASE
              value: {{ .Release.Name }}
            - name: STATIC_URL
              value: /static/
            - name: SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.secretName }}
                  key: secret-key
            {{- range $key, $value := .Values.extraEnv }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          ports:
            - containerPort: 8000
"#;

const VALUES: &str = "\
image:
  repository: ghcr.io/acme/shop
  tag: latest
django:
  settingsModule: shop.settings.production
extraEnv:
  ALLOWED_HOSTS: shop.example.com
  SENTRY_ENVIRONMENT: default
";

const STAGING: &str = "\
django:
  settingsModule: shop.settings.staging
  debug: \"True\"
extraEnv:
  SENTRY_ENVIRONMENT: staging
";

fn values_file(path: &str, text: &str) -> ValuesFile {
    let path = PathBuf::from(path);
    let environment = overlay_name(&path.file_name().unwrap().to_string_lossy());
    ValuesFile {
        path,
        environment,
        text: text.to_string(),
        outside: None,
    }
}

#[test]
fn values_and_overlays_over_templates() {
    let values = vec![
        values_file("/r/chart/values.yaml", VALUES),
        values_file("/r/chart/values-staging.yaml", STAGING),
    ];
    let templates = vec![(
        PathBuf::from("/r/chart/templates/deployment.yaml"),
        TEMPLATE.to_string(),
    )];
    let found = deployments(&values, &templates, &|_| None);
    let summary: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.name.as_deref().unwrap(),
                d.origin.line,
                d.settings_module()
                    .map(|(m, o)| (m, o.file.clone(), o.line)),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "default/deployment",
                8,
                Some((
                    "shop.settings.production",
                    PathBuf::from("/r/chart/values.yaml"),
                    5
                ))
            ),
            (
                "staging/deployment",
                8,
                Some((
                    "shop.settings.staging",
                    PathBuf::from("/r/chart/values-staging.yaml"),
                    2
                ))
            ),
        ]
    );
    let (default, staging) = (&found[0], &found[1]);
    assert_eq!(default.env["DEBUG"].value.literal(), Some("False"));
    assert_eq!(staging.env["DEBUG"].value.literal(), Some("True"));
    assert_eq!(
        default.env["RELEASE"].value,
        EnvValue::Unknown("the Helm template expression `{{ .Release.Name }}`".into())
    );
    assert_eq!(default.env["STATIC_URL"].value.literal(), Some("/static/"));
    assert!(default.env["SECRET_KEY"].value.literal().is_none());
    assert_eq!(
        default.env["ALLOWED_HOSTS"].value.literal(),
        Some("shop.example.com")
    );
    assert_eq!(
        staging.env["SENTRY_ENVIRONMENT"].value.literal(),
        Some("staging")
    );
    assert_eq!(
        staging.env["ALLOWED_HOSTS"].origin.file,
        PathBuf::from("/r/chart/values.yaml")
    );
    let command = default.command.as_ref().unwrap();
    assert_eq!(command.process, Process::Server("gunicorn".into()));
    assert_eq!(command.app_module.as_deref(), Some("shop.wsgi"));
}

#[test]
fn overlay_names() {
    for (name, overlay) in [
        ("values.yaml", None),
        ("values-production.yaml", Some("production")),
        ("values.prod.yaml", Some("prod")),
        ("values_staging.yml", Some("staging")),
    ] {
        assert_eq!(overlay_name(name).as_deref(), overlay, "{name}");
    }
}

#[test]
fn only_workloads_are_deployments() {
    assert!(defines_workload(TEMPLATE));
    assert!(defines_workload(
        "kind: {{ .Values.kind }}\nspec:\n  containers:\n"
    ));
    assert!(defines_workload("containers:\n  - name: web\n"));
    let analysis = "apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n    - provider:\n        job:\n          spec:\n            template:\n              spec:\n                containers:\n                  - name: check\n";
    assert!(!defines_workload(analysis));
    assert!(defines_workload(&format!("{analysis}---\n{TEMPLATE}")));
}
