use std::path::{Path, PathBuf};

use super::*;
use crate::deploy::model::{Deployment, Role, SourceKind};
use crate::deploy::tree::Node;
use crate::deploy::yaml;

const CONFIGMAP: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "archive.fullname" . }}-config
  labels:
    {{- include "archive.labels" . | nindent 4 }}
data:
  DJANGO_DEBUG: {{ .Values.debug | quote }}
  DJANGO_RELEASE: {{ .Release.Name }}
  {{- range $key, $value := .Values.extra }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
  local_settings.py: |
    DEBUG = True
---
apiVersion: v1
kind: Secret
metadata:
  name: archive-{{ .Values.env }}-secrets
stringData:
  DJANGO_SECRET_KEY: {{ randAlphaNum 50 | quote }}
"#;

const VALUES: &str = "env: prod\ndebug: \"true\"\nextra:\n  LOG_LEVEL: INFO\n";

fn deployment() -> Deployment {
    Deployment::new(
        SourceKind::Helm,
        Origin::new(Path::new("chart/templates/web.yaml"), 9),
        None,
        Role::Runs,
    )
}

#[test]
fn configmaps_and_secrets_of_templates() {
    let templates = vec![(
        PathBuf::from("chart/templates/config.yaml"),
        CONFIGMAP.to_string(),
    )];
    let configs = config_templates(&templates);
    let summary: Vec<(&str, &str, usize)> = configs
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.data.len()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "ConfigMap",
                "{{ include \"archive.fullname\" . }}-config",
                6
            ),
            ("Secret", "archive-{{ .Values.env }}-secrets", 1),
        ]
    );
}

#[test]
fn env_from_names_rendered_and_compared() {
    let templates = vec![(
        PathBuf::from("chart/templates/config.yaml"),
        CONFIGMAP.to_string(),
    )];
    let configs = config_templates(&templates);
    let root: Node = yaml::parse_one(VALUES).unwrap();
    let values = Values {
        layers: vec![(&root, Path::new("chart/values.yaml"))],
        outside: None,
    };
    let mut found = deployment();
    let references = vec![
        (
            "ConfigMap",
            "{{include \"archive.fullname\" .}}-config".to_string(),
            14,
        ),
        ("Secret", "archive-prod-secrets".to_string(), 16),
        ("Secret", "{{ .Release.Name }}-extra".to_string(), 18),
    ];
    env_from(
        &mut found,
        Path::new("chart/templates/web.yaml"),
        &references,
        &configs,
        &values,
    );
    let debug = &found.env["DJANGO_DEBUG"];
    assert_eq!(debug.value.literal(), Some("true"));
    assert_eq!(debug.origin, Origin::new(Path::new("chart/values.yaml"), 2));
    assert_eq!(found.env["LOG_LEVEL"].value.literal(), Some("INFO"));
    assert_eq!(found.env["DJANGO_RELEASE"].value.literal(), None);
    assert_eq!(found.env["local_settings.py"].value.literal(), None);
    assert_eq!(
        found.env["DJANGO_SECRET_KEY"].value,
        EnvValue::Unknown("from the Secret `archive-prod-secrets` the chart defines".into())
    );
    assert_eq!(found.notes.len(), 1);
    assert!(
        found.notes[0].message.contains("-extra"),
        "{:?}",
        found.notes
    );
}
