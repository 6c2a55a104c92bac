//! DJS046 psycopg2-binary-in-production: production requirements install `psycopg2-binary`,
//! the wheel with its own libpq and OpenSSL, which psycopg2's docs advise against in production.

use super::beyond_django::{at_requirement, production_requirements, requirement_location};
use super::context::{Context, Draft};

const PACKAGE: &str = "psycopg2-binary";

pub fn check(ctx: &Context) -> Option<Draft> {
    let found: Vec<_> = production_requirements(ctx)
        .into_iter()
        .filter(|(_, requirement)| requirement.name == PACKAGE)
        .collect();
    let ((file, requirement), others) = found.split_first()?;
    let mut draft = at_requirement(
        ctx,
        file,
        requirement,
        format!(
            "production requirements install {PACKAGE}, the pre-built wheel that bundles its own libpq and OpenSSL: upgrading the system's libraries does not reach them, and psycopg2's docs advise the source package for production"
        ),
    );
    for (file, requirement) in others {
        draft.notes.push(format!(
            "also installed at {}",
            requirement_location(ctx, file, requirement)
        ));
    }
    Some(draft)
}
