use super::*;
use crate::deploy::Process;

const MANIFEST: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  DJANGO_SETTINGS_MODULE: shop.settings.k8s
  ALLOWED_HOSTS: shop.example.com
---
apiVersion: v1
kind: Secret
metadata:
  name: shop-secrets
type: Opaque
data:
  SECRET_KEY: c3VwZXItc2VjcmV0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
spec:
  replicas: 2
  template:
    spec:
      initContainers:
        - name: migrate
          image: ghcr.io/acme/shop:1.0
          command: [\"python\", \"manage.py\", \"migrate\"]
          envFrom:
            - configMapRef:
                name: shop-config
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.0
          command: [\"gunicorn\"]
          args: [\"shop.wsgi:application\", \"--bind\", \"0.0.0.0:8000\"]
          envFrom:
            - configMapRef:
                name: shop-config
            - secretRef:
                name: shop-external
          env:
            - name: DEBUG
              value: \"False\"
            - name: SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: shop-secrets
                  key: SECRET_KEY
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: shop-db
                  key: url
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: \"0 3 * * *\"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: cleanup
              image: ghcr.io/acme/shop:1.0
              args: [\"python\", \"manage.py\", \"clearsessions\", \"--settings=shop.settings.k8s\"]
";

#[test]
fn workloads_containers_and_committed_config() {
    assert!(looks_like_kubernetes(MANIFEST));
    let path = Path::new("/r/k8s/shop.yaml");
    let docs = documents(MANIFEST).unwrap();
    let mut index = ConfigIndex::default();
    index.add(path, &docs);
    let found = deployments(path, &docs, &index, &|_| None);
    let summary: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.name.as_deref().unwrap(),
                d.origin.line,
                d.command.as_ref().unwrap().process.clone(),
                d.settings_module().map(|(m, o)| (m, o.line)),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "shop-web/migrate",
                26,
                Process::Management("migrate".into()),
                Some(("shop.settings.k8s", 6))
            ),
            (
                "shop-web/web",
                33,
                Process::Server("gunicorn".into()),
                Some(("shop.settings.k8s", 6))
            ),
            (
                "cleanup/cleanup",
                71,
                Process::Management("clearsessions".into()),
                Some(("shop.settings.k8s", 73))
            ),
        ]
    );
    let web = &found[1];
    assert_eq!(
        web.command.as_ref().unwrap().app_module.as_deref(),
        Some("shop.wsgi")
    );
    assert_eq!(web.env["DEBUG"].value.literal(), Some("False"));
    assert_eq!(web.env["SECRET_KEY"].value.literal(), Some("super-secret"));
    assert_eq!(web.env["SECRET_KEY"].origin.line, 15);
    assert_eq!(
        web.env["DATABASE_URL"].value,
        EnvValue::Unknown("from the Secret shop-db/url".into())
    );
    assert_eq!(
        web.env["POD_IP"].value,
        EnvValue::Unknown("from the pod's fieldRef".into())
    );
    assert_eq!(web.notes.len(), 1);
    assert!(
        web.notes[0].message.contains("shop-external"),
        "{:?}",
        web.notes
    );
}

#[test]
fn not_manifests() {
    assert!(!looks_like_kubernetes("name: CI\non: push\njobs: {}\n"));
    assert!(!looks_like_kubernetes("  apiVersion: v1\n  kind: Pod\n"));
    assert_eq!(
        base64_decode("aGVsbG8gd29ybGQ="),
        Some("hello world".into())
    );
    assert_eq!(base64_decode("not base64!"), None);
}

#[test]
fn published_image_and_patches_of_its_container() {
    use crate::deploy::image_run::ImageRun;
    use crate::deploy::model::{Command, EnvVar, Note};
    let base = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.0
          env:
            - name: TZ
              value: UTC
        - name: worker
          image: ghcr.io/acme/shop:1.0
          args: [\"worker\"]
";
    let patch = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          env:
            - name: TZ
              value: Europe/Paris
";
    let image_origin = Origin::new(Path::new("Dockerfile"), 9);
    let run = ImageRun {
        left_out: None,
        env: [(
            "DJANGO_SETTINGS_MODULE".to_string(),
            EnvVar {
                value: EnvValue::Literal("shop.settings".into()),
                origin: Origin::new(Path::new("Dockerfile"), 3),
            },
        )]
        .into(),
        command: Some(Command {
            text: "gunicorn shop.wsgi".into(),
            origin: image_origin.clone(),
            process: Process::Server("gunicorn".into()),
            app_module: Some("shop.wsgi".into()),
        }),
        entrypoint: vec!["celery".into(), "-A".into(), "shop".into()],
        note: Note {
            origin: Origin::new(Path::new(".github/workflows/ci.yml"), 12),
            message: "built here".into(),
        },
    };
    let images = |image: &str| image.starts_with("ghcr.io/acme/shop").then(|| run.clone());
    let (base_path, patch_path) = (
        Path::new("k8s/base/web.yaml"),
        Path::new("k8s/prod/patch.yaml"),
    );
    let base_docs = documents(base).unwrap();
    let patch_docs = documents(patch).unwrap();
    let mut index = ConfigIndex::default();
    index.add(base_path, &base_docs);
    index.add(patch_path, &patch_docs);
    let found = deployments(base_path, &base_docs, &index, &images);
    let web = &found[0];
    assert_eq!(
        web.command.as_ref().map(|c| c.origin.clone()),
        Some(image_origin)
    );
    assert_eq!(web.settings_module().map(|(m, _)| m), Some("shop.settings"));
    assert_eq!(web.env["TZ"].value.literal(), Some("UTC"));
    // `args` follow the image's ENTRYPOINT.
    let worker = found[1].command.as_ref().unwrap();
    assert_eq!(worker.text, "celery -A shop worker");
    let patched = deployments(patch_path, &patch_docs, &index, &images);
    assert_eq!(patched.len(), 1);
    assert_eq!(patched[0].env["TZ"].value.literal(), Some("Europe/Paris"));
    assert_eq!(patched[0].env["TZ"].origin.file, patch_path);
    assert_eq!(
        patched[0].settings_module().map(|(m, _)| m),
        Some("shop.settings")
    );
    assert_eq!(
        patched[0].command.as_ref().map(|c| c.text.as_str()),
        Some("gunicorn shop.wsgi")
    );
}
