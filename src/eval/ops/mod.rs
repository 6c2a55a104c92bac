//! What Python does with values once they are computed, as pure functions of the values: no
//! evaluator state, no environment, no source. Operators and comparisons, `str()` and `repr()`,
//! `%` and `.format()`, container access, and the methods of the builtin types. Each function
//! returns a result only when Python's is certain; otherwise an `Unknown` saying why, carrying the
//! environment variables of its operands.

mod containers;
mod format;
mod in_place;
mod methods;
mod operators;
mod text;

pub use containers::{
    dict_insert, exact_lookup, get_item, index, is_unhashable, iterate, set_items,
};
pub use in_place::change;
pub use methods::{MUTATING_METHODS, call_method, is_mutating_method};
pub use operators::{binary, compare, unary};
pub use text::{python_str, to_repr, to_str};
