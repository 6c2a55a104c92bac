//! The two questions djsafe asks syntax nodes most, answered from tables built once (issue 11).
//! tree-sitter's own `Node::kind` measures the C string of the kind's name and checks it is
//! UTF-8 on every call, and `Node::child_by_field_name` compares the name with each of the
//! grammar's field names in turn: evaluation asks them millions of times on a monorepo (10.7
//! million field lookups and 2.3 million kinds on the 200-project benchmark), which cost about
//! 8% of the instructions of a run. Here a kind is an index into the grammar's names, and a
//! field is named by a [`Field`] whose number is looked up once.

use std::sync::LazyLock;

use tree_sitter::{Language, Node};

/// Each kind's name, by kind id (`None` where the grammar has no name for the id).
static KIND_NAMES: LazyLock<Vec<Option<Box<str>>>> = LazyLock::new(|| {
    let language = language();
    (0..language.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .map(Box::from)
        })
        .collect()
});

fn language() -> Language {
    tree_sitter_python::LANGUAGE.into()
}

macro_rules! fields {
    ($($field:ident = $name:literal),* $(,)?) => {
        /// A field of tree-sitter-python's grammar that djsafe reads.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Field {
            $($field,)*
        }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &[Field] = &[$(Field::$field,)*];

            /// The grammar's name of the field.
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$field => $name,)*
                }
            }
        }
    };
}

fields! {
    Alias = "alias",
    Alternative = "alternative",
    Argument = "argument",
    Arguments = "arguments",
    Attribute = "attribute",
    Body = "body",
    Condition = "condition",
    Consequence = "consequence",
    Definition = "definition",
    Expression = "expression",
    FormatSpecifier = "format_specifier",
    Function = "function",
    Guard = "guard",
    Key = "key",
    Left = "left",
    ModuleName = "module_name",
    Name = "name",
    Object = "object",
    Operator = "operator",
    Parameters = "parameters",
    Right = "right",
    Subject = "subject",
    Subscript = "subscript",
    Superclasses = "superclasses",
    TypeConversion = "type_conversion",
    Value = "value",
}

/// Each [`Field`]'s id in the grammar, by its position in [`Field::ALL`] (0, which no field
/// has, for a name the grammar lacks: the lookup then finds no child, as tree-sitter's does).
static FIELD_IDS: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let language = language();
    Field::ALL
        .iter()
        .map(|field| {
            language
                .field_id_for_name(field.name())
                .map_or(0, |id| id.get())
        })
        .collect()
});

/// Kinds and fields of syntax nodes, answered from the tables above.
pub trait NodeQueries<'t> {
    /// The node's kind, as `Node::kind` names it.
    fn kind_name(&self) -> &'t str;
    /// The node's child in `field`, as `Node::child_by_field_name` finds it.
    fn field(&self, field: Field) -> Option<Node<'t>>;
}

impl<'t> NodeQueries<'t> for Node<'t> {
    fn kind_name(&self) -> &'t str {
        match KIND_NAMES.get(usize::from(self.kind_id())) {
            Some(Some(name)) => name,
            // `ERROR` and other ids past the grammar's symbols.
            _ => self.kind(),
        }
    }

    fn field(&self, field: Field) -> Option<Node<'t>> {
        self.child_by_field_id(FIELD_IDS[field as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_one_of_the_grammar() {
        let language = language();
        for field in Field::ALL {
            assert!(
                language.field_id_for_name(field.name()).is_some(),
                "{field:?}"
            );
        }
    }

    /// Every node of a module using most of Python's syntax (and a syntax error) has the kind
    /// and the field children tree-sitter's own lookups give.
    #[test]
    fn kinds_and_fields_are_tree_sitters() {
        let source = "import os, a.b as c\nfrom .x import (y as z, w)\nfrom m import *\n\
            @decorator(1)\nclass C(Base, metaclass=M):\n    x: int = 1\n    def f(self, a, *b, k=2, **c) -> str:\n        return f'{a!r:>{k}}' + \"s\" % (b,)\n\
            try:\n    v = [i for i in range(3) if i] or {k: v for k, v in d.items()}\nexcept (E, F) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    del v\n\
            while x:\n    break\nwith open(p) as fh, ctx():\n    lambda q=1: q\nmatch s:\n    case [1, *r] if r:\n        s = not a and b[1:2, ...]\n    case {'k': v, **kw}:\n        s = -x ** 2 if c else None\n\
            async def g():\n    await h(*a, **k)\n    global z\nassert x, 'm'\nx += 1\ntype T = int\nprint(x y)\n";
        let mut parser = crate::parse::python_parser();
        let tree = parser.parse(source, None).unwrap();
        assert!(tree.root_node().has_error(), "the last line is an error");
        let mut seen = 0;
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            seen += 1;
            assert_eq!(node.kind_name(), node.kind());
            for field in Field::ALL {
                assert_eq!(
                    node.field(*field),
                    node.child_by_field_name(field.name()),
                    "{field:?} of {}",
                    node.kind()
                );
            }
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        assert!(seen > 300, "{seen} nodes");
    }
}
