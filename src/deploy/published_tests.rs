use std::path::Path;

use super::{collect, image_repository};
use crate::deploy::model::{DeployFile, SourceKind};

fn workflow(path: &str, text: &str) -> DeployFile {
    DeployFile {
        path: path.into(),
        kind: SourceKind::CiWorkflow,
        text: text.into(),
    }
}

#[test]
fn image_repositories_drop_tags_digests_and_docker_hub_spellings() {
    assert_eq!(
        image_repository("ghcr.io/Owner/App:1.2").as_deref(),
        Some("ghcr.io/owner/app")
    );
    assert_eq!(
        image_repository("docker.io/library/nginx:1.27").as_deref(),
        Some("nginx")
    );
    assert_eq!(
        image_repository("mayanedms/mayanedms:s4.1").as_deref(),
        Some("mayanedms/mayanedms")
    );
    assert_eq!(
        image_repository("registry.example.org:5000/shop/web@sha256:abc").as_deref(),
        Some("registry.example.org:5000/shop/web")
    );
    assert_eq!(image_repository("${REGISTRY}/web:latest"), None);
    assert_eq!(image_repository("ghcr.io/${{ github.repository }}"), None);
}

#[test]
fn build_push_action_with_metadata_action_images() {
    let text = "\
on: push
jobs:
  docker:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Docker meta
        id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/example/shop
            name=example/shop,enable=true
      - name: Build and push
        uses: docker/build-push-action@v6
        with:
          context: .
          file: docker/Dockerfile.prod
          target: runtime
          push: true
          tags: ${{ steps.meta.outputs.tags }}
";
    let found = collect(&[workflow("/r/.github/workflows/docker.yml", text)]);
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ghcr.io/example/shop", "example/shop"]);
    assert_eq!(found[0].dockerfile, Path::new("/r/docker/Dockerfile.prod"));
    assert_eq!(found[0].context, Path::new("/r"));
    assert_eq!(found[0].target.as_deref(), Some("runtime"));
    assert_eq!(found[0].origin.line, 14);
}

#[test]
fn docker_build_commands_in_workflows_and_gitlab() {
    let github = "\
jobs:
  image:
    steps:
      - run: |
          docker build --build-arg VERSION=1 -t ghcr.io/example/api:${GITHUB_SHA} -f deploy/Dockerfile backend
          docker push ghcr.io/example/api:${GITHUB_SHA}
";
    let gitlab = "\
build:
  script:
    - docker buildx build --platform linux/amd64 --tag registry.gitlab.com/example/site:latest .
";
    let found = collect(&[
        workflow("/r/.github/workflows/image.yml", github),
        workflow("/r/.gitlab-ci.yml", gitlab),
    ]);
    let summary: Vec<(&str, &Path, &Path)> = found
        .iter()
        .map(|p| (p.name.as_str(), p.dockerfile.as_path(), p.context.as_path()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "ghcr.io/example/api",
                Path::new("/r/deploy/Dockerfile"),
                Path::new("/r/backend")
            ),
            (
                "registry.gitlab.com/example/site",
                Path::new("/r/Dockerfile"),
                Path::new("/r")
            ),
        ]
    );
}

#[test]
fn image_names_from_workflow_env_and_the_repository_name() {
    let text = "\
on: push
env:
  IMAGE: ghcr.io/${{ github.repository }}
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      OWNER_IMAGE: ghcr.io/${{ github.repository_owner }}/tracker
    steps:
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ${{ env.IMAGE }}
            ${{ env.OWNER_IMAGE }}
            ${{ env.UNSET }}
      - uses: docker/build-push-action@v6
        with:
          tags: ${{ steps.meta.outputs.tags }}
      - uses: docker/build-push-action@v6
        with:
          file: docker/Dockerfile.worker
          tags: acme/worker:${{ github.sha }}
";
    let found = collect(&[workflow("/r/.github/workflows/publish.yml", text)]);
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ghcr.io/*/*", "ghcr.io/*/tracker", "acme/worker"]);
    assert!(super::name_matches("ghcr.io/*/*", "ghcr.io/acme/tracker"));
    assert!(!super::name_matches("ghcr.io/*/*", "ghcr.io/tracker"));
    assert!(!super::name_matches(
        "ghcr.io/*/tracker",
        "ghcr.io/acme/web"
    ));
    assert_eq!(
        found[2].dockerfile,
        Path::new("/r/docker/Dockerfile.worker")
    );
}
