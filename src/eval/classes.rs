//! Classes, for django-configurations' class-based settings: `class Production(Common):` binds
//! the attributes its body assigns; a settings class's effective settings are its attributes and
//! its bases' (first definition wins, bases left to right), with `values.BooleanValue(True)` and
//! friends read from `DJANGO_<NAME>` as django-configurations does.

use crate::syntax::{Field, NodeQueries};
use std::rc::Rc;

use tree_sitter::Node;

use super::value::{Class, Instance, Kind, MAX_BASES_DEPTH, Object, Value};
use super::{Binding, Frame, Namespace, Run};
use crate::source::Span;

/// django-configurations' `BooleanValue` spellings.
const TRUE_VALUES: &[&str] = &["yes", "y", "true", "1"];
const FALSE_VALUES: &[&str] = &["no", "n", "false", "0", ""];

impl<'p> Run<'p> {
    pub(super) fn define_class(&mut self, frame: &mut Frame, node: Node<'p>) {
        let Some(name) = node.field(Field::Name) else {
            return;
        };
        let mut bases = Vec::new();
        if let Some(superclasses) = node.field(Field::Superclasses) {
            let mut cursor = superclasses.walk();
            let children: Vec<Node<'p>> = superclasses
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "keyword_argument")
                .collect();
            for base in children {
                bases.push(self.expr(frame, base));
            }
        }
        // The body sees the module's names; what it binds are the class's attributes.
        let mut globals = frame.ns.clone();
        if let Some(outer) = &frame.globals {
            for (k, v) in &outer.bindings {
                globals
                    .bindings
                    .entry(k.clone())
                    .or_insert_with(|| v.clone());
            }
        }
        let mut body_frame = Frame {
            module: frame.module,
            file: frame.file,
            ns: Namespace::default(),
            control: frame.control.clone(),
            handled: Vec::new(),
            globals: Some(Rc::new(globals)),
            global_names: Vec::new(),
            namespace_alias: None,
        };
        if let Some(body) = node.field(Field::Body) {
            let _ = self.block(&mut body_frame, body);
        }
        let class = Class::new(self.text(frame, name).into(), bases, body_frame.ns);
        let site = self.span(frame, node);
        self.bind(
            frame,
            self.text(frame, name),
            Value::new(Kind::Class(Rc::new(class)), site),
            site,
        );
    }

    /// The settings Django gets for `DJANGO_CONFIGURATION=class`: the module's names, then the
    /// class's attributes over them, with django-configurations values read from the environment.
    pub(super) fn configuration(
        &mut self,
        module: &Rc<Namespace>,
        class_name: &str,
    ) -> Rc<Namespace> {
        let mut settings = (**module).clone();
        let Some(Kind::Class(class)) = module
            .bindings
            .get(class_name)
            .map(|b| b.value.kind.clone())
        else {
            settings.opaque = Some(
                format!("the configuration class `{class_name}`, which the module does not define")
                    .into(),
            );
            return Rc::new(settings);
        };
        let mut attributes = Vec::new();
        if let Err(reason) = collect_attributes(&class, &mut attributes) {
            // The class's own attributes are still its settings; what its bases add is unknown.
            settings.opaque = Some(format!("the bases of `{class_name}`: {reason}").into());
        }
        for (name, binding) in attributes {
            let value = match &binding.value.kind {
                Kind::Instance(instance)
                    if instance.class.starts_with("configurations.values.") =>
                {
                    self.configuration_value(&name, instance, binding.site)
                }
                _ => binding.value.clone(),
            };
            settings.bindings.insert(
                name,
                Binding {
                    value,
                    site: binding.site,
                },
            );
        }
        Rc::new(settings)
    }

    /// A django-configurations `Value`: the environment variable when set (converted as its
    /// class does), else its default; a required one (`SecretValue`) comes from the deployment.
    fn configuration_value(&mut self, name: &str, value: &Instance, site: Span) -> Value {
        let kind = value.class.rsplit('.').next().unwrap_or_default();
        let default = value
            .positional
            .first()
            .or(value.keyword("default"))
            .cloned()
            .unwrap_or(Value::new(Kind::None, site));
        let environ = value
            .keyword("environ")
            .and_then(Value::truthy)
            .unwrap_or(true);
        let own_name = match kind {
            "DatabaseURLValue" => Some("DATABASE_URL"),
            "CacheURLValue" => Some("CACHE_URL"),
            "SearchURLValue" => Some("SEARCH_URL"),
            _ => None,
        };
        let environ_name = value
            .keyword("environ_name")
            .and_then(Value::as_str)
            .or(own_name)
            .map(str::to_string)
            .unwrap_or_else(|| name.to_uppercase());
        let prefix = match value.keyword("environ_prefix") {
            Some(Value {
                kind: Kind::None, ..
            }) => None,
            Some(prefix) => prefix.as_str().map(|p| p.trim_end_matches('_').to_string()),
            None => Some("DJANGO".to_string()),
        };
        let variable = match prefix.filter(|p| !p.is_empty()) {
            Some(prefix) => format!("{prefix}_{environ_name}"),
            None => environ_name,
        };
        let required = kind == "SecretValue"
            || value
                .keyword("environ_required")
                .and_then(Value::truthy)
                .unwrap_or(false);
        let deps = self.env_deps(&variable);
        if !environ {
            return convert_default(kind, default, site);
        }
        // A `BooleanValue` makes the text of a set variable a boolean, or an error naming the
        // text (see `eval::spellings`).
        let table =
            (kind == "BooleanValue").then(|| super::spellings::bool_table(configuration_bool));
        match self.env_read_as(&variable, table) {
            super::EnvRead::SetUnknown => {
                Value::new(Kind::FromEnv(variable.into()), site).with_env(&deps)
            }
            super::EnvRead::Set(raw) => self
                .configuration_parse(kind, value, &raw, site)
                .with_env(&deps),
            super::EnvRead::Unset if required => {
                Value::new(Kind::FromEnv(variable.into()), site).with_env(&deps)
            }
            super::EnvRead::Unset => convert_default(kind, default, site).with_env(&deps),
        }
    }

    fn configuration_parse(
        &mut self,
        kind: &str,
        value: &Instance,
        raw: &str,
        site: Span,
    ) -> Value {
        let text = |s: &str| Value::str(s, site);
        match kind {
            "BooleanValue" => match configuration_bool(raw) {
                Some(truth) => Value::new(Kind::Bool(truth), site),
                None => Value::unknown(
                    format!("{raw:?} is not a boolean: django-configurations raises ValueError"),
                    site,
                ),
            },
            "ListValue" | "TupleValue" | "SetValue" => {
                let separator = value
                    .keyword("separator")
                    .and_then(Value::as_str)
                    .unwrap_or(",");
                let items: Vec<Value> = raw
                    .trim()
                    .split(separator)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(text)
                    .collect();
                Value::new(sequence(kind, items), site)
            }
            "IntegerValue" | "PositiveIntegerValue" => match raw.trim().parse::<i64>() {
                Ok(i) => Value::new(Kind::Int(i), site),
                Err(_) => Value::unknown(
                    format!("{raw:?} is not an integer: django-configurations raises ValueError"),
                    site,
                ),
            },
            "DatabaseURLValue" => {
                let alias = value
                    .keyword("alias")
                    .and_then(Value::as_str)
                    .unwrap_or("default")
                    .to_string();
                Value::new(
                    Kind::Dict(Object::new(vec![(
                        text(&alias),
                        super::libs::database_url(raw, site),
                    )])),
                    site,
                )
            }
            "Value" | "SecretValue" | "EmailValue" | "URLValue" | "IPValue" | "PathValue" => {
                text(raw)
            }
            other => Value::unknown(
                format!("django-configurations' `{other}` is not modelled by djsafe"),
                site,
            ),
        }
    }
}

/// A value's default as the class stores it: sequences become the class's sequence type, a
/// database URL its settings dict.
fn convert_default(kind: &str, default: Value, site: Span) -> Value {
    match kind {
        "ListValue" | "TupleValue" | "SetValue" => match default.kind {
            Kind::None => Value::new(sequence(kind, Vec::new()), site),
            _ => match super::ops::iterate(&default) {
                Some(items) => Value::new(sequence(kind, items), default.origin),
                None => default,
            },
        },
        "DatabaseURLValue" => match default.as_str() {
            Some(url) => Value::new(
                Kind::Dict(Object::new(vec![(
                    Value::str("default", site),
                    super::libs::database_url(url, default.origin),
                )])),
                site,
            ),
            None => default,
        },
        _ => default,
    }
}

fn sequence(kind: &str, items: Vec<Value>) -> Kind {
    match kind {
        "TupleValue" => Kind::tuple(items),
        "SetValue" => Kind::Set(Object::new(super::ops::set_items(items))),
        _ => Kind::List(Object::new(items)),
    }
}

/// A class's attributes, then its ancestors' in Python's resolution order, each name once; or
/// why the ancestors are unknown.
fn collect_attributes(class: &Class, out: &mut Vec<(Rc<str>, Binding)>) -> Result<(), Rc<str>> {
    let ancestors = class.ancestors.as_ref();
    let known = ancestors.map(|a| a.as_slice()).unwrap_or_default();
    for class in std::iter::once(class).chain(known.iter().map(|c| &**c)) {
        let mut names: Vec<&Rc<str>> = class.attributes.bindings.keys().collect();
        names.sort();
        for name in names {
            if !out.iter().any(|(n, _)| n == name) {
                out.push((name.clone(), class.attributes.bindings[name].clone()));
            }
        }
    }
    ancestors.map(|_| ()).map_err(Rc::clone)
}

/// The django-configurations settings classes a module's namespace holds, by the names Django
/// would look them up with (`DJANGO_CONFIGURATION`): classes defined there or imported from
/// another module (`from .common import Common`, re-exported from `__init__.py`, star-imported),
/// deriving from `configurations.Configuration` directly or through other classes; each with
/// whether another of them extends it.
pub fn configuration_classes(namespace: &crate::eval::Namespace) -> Vec<(String, bool)> {
    let mut classes: Vec<(String, Rc<Class>)> = namespace
        .bindings
        .iter()
        .filter_map(|(name, binding)| match &binding.value.kind {
            Kind::Class(class) if is_configuration(class) => {
                Some((name.to_string(), class.clone()))
            }
            _ => None,
        })
        .collect();
    classes.sort_by(|a, b| a.0.cmp(&b.0));
    classes
        .iter()
        .map(|(name, class)| {
            let extended = classes
                .iter()
                .any(|(_, other)| !Rc::ptr_eq(other, class) && extends(other, class));
            (name.clone(), extended)
        })
        .collect()
}

/// Whether the class derives from django-configurations' `Configuration`, directly or through
/// its bases.
fn is_configuration(class: &Rc<Class>) -> bool {
    any_base(class, |base| {
        matches!(&base.kind, Kind::External(path)
            if path.starts_with("configurations.") && path.ends_with(".Configuration"))
    })
}

fn extends(class: &Rc<Class>, ancestor: &Rc<Class>) -> bool {
    any_base(
        class,
        |base| matches!(&base.kind, Kind::Class(base) if Rc::ptr_eq(base, ancestor)),
    )
}

/// Whether a base of the class or of its bases satisfies `test`: each class visited once,
/// [`MAX_BASES_DEPTH`] levels at most (walked even where the resolution order is unknown).
fn any_base(class: &Rc<Class>, test: impl Fn(&Value) -> bool) -> bool {
    let mut seen: Vec<*const Class> = Vec::new();
    let mut level = vec![class.clone()];
    for _ in 0..=MAX_BASES_DEPTH {
        let mut next = Vec::new();
        for class in level {
            for base in &class.bases {
                if test(base) {
                    return true;
                }
                if let Kind::Class(base) = &base.kind
                    && !seen.contains(&Rc::as_ptr(base))
                {
                    seen.push(Rc::as_ptr(base));
                    next.push(base.clone());
                }
            }
        }
        level = next;
    }
    false
}

/// django-configurations' `BooleanValue` of a variable's text: `None` for text it rejects.
fn configuration_bool(raw: &str) -> Option<bool> {
    let normalized = raw.trim().to_lowercase();
    if TRUE_VALUES.contains(&normalized.as_str()) {
        Some(true)
    } else if FALSE_VALUES.contains(&normalized.as_str()) {
        Some(false)
    } else {
        None
    }
}
