use super::*;

const CONFIG_MAP: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: site-settings-{{ .Values.deployEnv }}
  labels:
    {{- include \"site.labels\" . | nindent 4 }}
data:
  nginx.conf: |
    server {}
  local_settings.py: |-
    import os

    ALLOWED_HOSTS = [\"*\"]
    DEBUG = os.getenv(\"DEBUG\").lower() == \"true\"
    {{- if .Values.restore }}
    DB_NAME = os.getenv(\"DB\") + {{ .Values.deployEnv | quote }}
    {{- else }}
    DB_NAME = os.getenv(\"DB\")
    {{- end }}
    DATABASES = {
        'default': {
            'NAME': '{{ .Values.postgres.db }}',
            'HOST': {{ if .Values.host }}'{{ .Values.host }}'{{ else }}os.getenv(\"HOST\"){{ end }},
        }
    }
  EXTRA: \"1\"
---
apiVersion: v1
kind: Secret
metadata:
  name: not-a-config-map
data:
  secret_settings.py: |
    SECRET_KEY = 'x'
";

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn config_map_python_keys_keep_the_manifest_lines_and_columns() {
    let files = config_files(Path::new("chart/templates/cm.yaml"), CONFIG_MAP);
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    assert_eq!(file.name, "site-settings-{{ .Values.deployEnv }}");
    assert_eq!(file.key, "local_settings.py");
    assert_eq!(
        file.origin,
        Origin::new(Path::new("chart/templates/cm.yaml"), 10)
    );
    let text = lines(&file.text);
    let manifest = lines(CONFIG_MAP);
    // The key's line opens the block; the block's lines are where the manifest has them.
    assert_eq!(text[9], "if True:");
    assert!(text[..9].iter().all(|l| l.is_empty()));
    assert_eq!(text[12], manifest[12]);
    assert_eq!(text[12], "    ALLOWED_HOSTS = [\"*\"]");
    assert_eq!(text[13], manifest[13]);
    // Nothing of the document after the block.
    assert_eq!(text.len(), 25);
}

#[test]
fn template_expressions_make_what_they_touch_unknown() {
    let files = config_files(Path::new("cm.yaml"), CONFIG_MAP);
    let text = lines(&files[0].text);
    // Control lines are empty; a name assigned in a branch is unknown after `end`.
    assert_eq!(text[14], "");
    assert_eq!(
        text[15],
        format!("    DB_NAME = os.getenv(\"DB\") + {TEMPLATE_NAME}")
    );
    assert_eq!(text[16], "");
    assert_eq!(text[18], format!("    DB_NAME = {TEMPLATE_NAME}"));
    // A string holding an expression is unknown as a whole; inline control from the first
    // expression to the last.
    assert_eq!(text[21], format!("            'NAME': {TEMPLATE_NAME},"));
    assert_eq!(text[22], format!("            'HOST': {TEMPLATE_NAME},"));
}

#[test]
fn the_text_parses_as_python() {
    let files = config_files(Path::new("cm.yaml"), CONFIG_MAP);
    let mut parser = crate::parse::python_parser();
    let (_, errors) = crate::parse::parse_python(&mut parser, &files[0].text).unwrap();
    assert_eq!(errors.len(), 0);
}

#[test]
fn a_parsed_value_at_the_margin_needs_no_enclosing_statement() {
    let text = python_text(3, &["DEBUG = True", "", "X = 1"]);
    assert_eq!(text, "\n\n\nDEBUG = True\n\nX = 1\n");
    assert_eq!(python_text(2, &["", "  "]), "\n\n\n\n");
}

#[test]
fn names_only_at_the_top_level_are_assigned() {
    assert_eq!(assigned_name("DEBUG = True"), Some("DEBUG".into()));
    assert_eq!(assigned_name("PORT: int = 5"), Some("PORT".into()));
    assert_eq!(assigned_name("DEBUG == True"), None);
    assert_eq!(assigned_name("    X = 1"), None);
    assert_eq!(assigned_name("f(x)"), None);
}

#[test]
fn mounts_with_sub_path_items_and_folders() {
    let pod = yaml::parse_one(
        "\
containers:
  - name: web
    volumeMounts:
      - name: settings
        mountPath: /app/proj/local_settings.py
        subPath: local_settings.py
      - name: all
        mountPath: /app/proj/conf/
      - name: renamed
        mountPath: /app/proj/extra
      - name: secret
        mountPath: /app/proj/secret.py
        subPath: secret.py
volumes:
  - name: settings
    configMap:
      name: site
      items:
        - key: local_settings.py
          path: local_settings.py
  - name: all
    configMap:
      name: site
  - name: renamed
    configMap:
      name: site
      items:
        - key: local_settings.py
          path: overrides.py
        - key: nginx.conf
          path: nginx.conf
  - name: secret
    secret:
      secretName: site
",
    )
    .unwrap();
    let container = &pod.get("containers").unwrap().items()[0];
    let mounts = volume_mounts(container);
    assert_eq!(mounts.len(), 4);
    assert_eq!(mounts[0].sub_path.as_deref(), Some("local_settings.py"));
    let volumes = config_volumes(&pod);
    assert_eq!(volumes.len(), 3, "a Secret volume is not a ConfigMap's");
    let file = |key: &str| ConfigFile {
        name: "site".into(),
        key: key.into(),
        origin: Origin::new(Path::new("cm.yaml"), 3),
        text: format!("# {key}\n"),
    };
    let files_of = |name: &str| {
        if name == "site" {
            vec![file("local_settings.py"), file("other.py")]
        } else {
            Vec::new()
        }
    };
    let found: Vec<String> = mounted_files(&mounts, &volumes, &files_of)
        .into_iter()
        .map(|m| format!("{} <- {}", m.mount_path, m.text.trim()))
        .collect();
    assert_eq!(
        found,
        [
            "/app/proj/conf/local_settings.py <- # local_settings.py",
            "/app/proj/conf/other.py <- # other.py",
            "/app/proj/extra/overrides.py <- # local_settings.py",
            "/app/proj/local_settings.py <- # local_settings.py",
        ]
    );
}

#[test]
fn helm_blocks_read_as_yaml_with_their_expressions() {
    let template = "\
      volumeMounts:
        - mountPath: /app/proj/local_settings.py
          name: local-settings
          subPath: local_settings.py
        {{- if .Values.extra }}
        - mountPath: /extra
          name: {{ .Values.extra.name }}
        {{- end }}
        # a comment
      volumes:
        - name: local-settings
          configMap:
            name: local-settings-{{ .Values.deployEnv }}
        - name: certs
          secret:
            secretName: {{ template \"certs\" . }}
";
    let lines: Vec<(usize, usize, &str)> = template
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len(), l.trim()))
        .collect();
    let mounts_block = detemplated(&lines[..9]).unwrap();
    let mounts = volume_mounts(&mounts_block);
    assert_eq!(mounts.len(), 2);
    assert_eq!(mounts[1].volume, "{{ .Values.extra.name }}");
    let volumes = config_volumes(&detemplated(&lines[9..]).unwrap());
    assert_eq!(
        volumes,
        [ConfigVolume {
            volume: "local-settings".into(),
            config_map: "local-settings-{{ .Values.deployEnv }}".into(),
            items: None,
        }]
    );
}

#[test]
fn strings_on_a_line() {
    assert_eq!(
        string_spans(r#"x = f"a{b}" + 'c\'d' # "e""#),
        [(4, 11), (14, 20)]
    );
    assert_eq!(
        without_templates("X = 'https://{{ .Values.host }}/' + Y"),
        format!("X = {TEMPLATE_NAME} + Y")
    );
    assert_eq!(
        without_templates("X = {{ .Values.x }} + {{ .Values.y }}"),
        format!("X = {TEMPLATE_NAME} + {TEMPLATE_NAME}")
    );
    assert_eq!(without_templates("X = '{{ unclosed"), "X = '{{ unclosed");
}

#[test]
fn bad_input_is_bounded() {
    // A block that never ends, lines of braces, a key with no block: no panic.
    let mut text = String::from("kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a.py: |\n");
    for _ in 0..30_000 {
        text.push_str("    {{ {{ }} }} '\"\\\n");
    }
    let files = config_files(Path::new("x.yaml"), &text);
    assert_eq!(files.len(), 1, "the block is cut at its bound");
    assert!(config_files(Path::new("x.yaml"), "kind: ConfigMap\ndata:\n  a.py: |").is_empty());
}
