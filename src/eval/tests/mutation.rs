//! Lists, dicts and sets as shared objects (see `mutation`): each test states the value CPython
//! gives.

use super::*;

#[test]
fn aliases_share_one_object() {
    let src = "A = [1]\nB = A\nA.append(2)\nC = {'k': []}\nD = C['k']\nD.append('x')\n";
    assert_eq!(
        values(src, &[], &["A", "B", "C"]),
        ["[1, 2]", "[1, 2]", "{'k': ['x']}"]
    );
    // `+=` changes the list in place; `x = x + [...]` makes a new one.
    let src = "A = B = [1]\nA += [2]\nC = D = [1]\nC = C + [2]\n";
    assert_eq!(values(src, &[], &["B", "D"]), ["[1, 2]", "[1]"]);
    // `.copy()` is shallow: the inner list is still shared.
    let src = "A = [[1]]\nB = A.copy()\nB.append(2)\nB[0].append(3)\n";
    assert_eq!(values(src, &[], &["A", "B"]), ["[[1, 3]]", "[[1, 3], 2]"]);
}

#[test]
fn methods_return_what_python_returns() {
    let src =
        "A = [1, 2]\nX = A.pop()\nD = {}\nY = D.setdefault('k', [])\nY.append(1)\nZ = D.pop('k')\n";
    assert_eq!(
        values(src, &[], &["X", "Y", "Z", "D"]),
        ["2", "[1]", "[1]", "{}"]
    );
}

#[test]
fn undecided_branches_join_object_contents() {
    // Changed on one side only: unknown after the branch, for every name holding the list.
    let src = "import somelib\nA = [1]\nB = A\nif somelib.enabled:\n    A.append(2)\n";
    let [a, b] = <[String; 2]>::try_from(values(src, &[], &["A", "B"])).unwrap();
    assert!(a.starts_with("<unknown: depends on the condition"), "{a}");
    assert_eq!(a, b);
    // Changed alike on both sides: known.
    let src =
        "import somelib\nA = [1]\nif somelib.enabled:\n    A.append(2)\nelse:\n    A.append(2)\n";
    assert_eq!(values(src, &[], &["A"]), ["[1, 2]"]);
    // Nested: the inner branch's change is undone for the outer branch's other side.
    let src = "import somelib\nA = [1]\nif somelib.a:\n    if somelib.b:\n        A.append(2)\n    A.append(3)\nB = 1\n";
    let a = values(src, &[], &["A"]).remove(0);
    assert!(a.starts_with("<unknown"), "{a}");
    // A decided condition is no branch at all.
    let src = "import os\nA = [1]\nif os.getenv('X'):\n    A.append(2)\n";
    assert_eq!(values(src, &[("X", "1")], &["A"]), ["[1, 2]"]);
    assert_eq!(values(src, &[], &["A"]), ["[1]"]);
}

#[test]
fn a_name_holding_one_object_or_another_makes_both_unknown() {
    let src =
        "import somelib\nD = {'a': 1}\nF = D\nif somelib.enabled:\n    F = {}\nF.update(b=2)\n";
    let d = values(src, &[], &["D"]).remove(0);
    assert!(d.starts_with("<unknown"), "{d}");
}

#[test]
fn objects_given_to_code_djsafe_does_not_follow_are_unknown() {
    let src = "import somelib\nA = ['x']\nsomelib.configure(A)\n";
    let a = values(src, &[], &["A"]).remove(0);
    assert!(a.contains("`somelib.configure()` is not modelled"), "{a}");
}

#[test]
fn an_object_never_contains_itself() {
    let src = "A = []\nA.append(A)\nB = {}\nB['self'] = B\n";
    for value in values(src, &[], &["A", "B"]) {
        assert!(value.contains("inside itself"), "{value}");
    }
}

/// Values that double at each turn of a loop stop at djsafe's size limits instead of hanging or
/// exhausting memory when shown (they used to: `[X, X]` shares X, but its repr does not).
#[test]
fn doubling_values_stay_bounded() {
    let cases = [
        "X = ['a']\nfor i in range(60):\n    X = [X, X]\nY = str(X)\n",
        "X = ('a',)\nfor i in range(60):\n    X = (X, X)\n",
        "X = {}\nfor i in range(60):\n    X = {'a': X, 'b': X}\n",
        "X = [1]\nfor i in range(60):\n    X = X + X\n",
        "X = 'ab'\nfor i in range(60):\n    X = X + X\nX = X * 10000\n",
        "X = 'ab'\nfor i in range(60):\n    X = f'{X}{X}'\n",
        "X = 'ab'\nfor i in range(60):\n    X = X.replace('a', X)\n",
    ];
    for source in cases {
        let x = values(source, &[], &["X"]).remove(0);
        assert!(
            x.contains("<unknown") && x.len() < 1_000_000,
            "{source}: {x:.200}"
        );
    }
}

/// A settings file that includes itself twice with django-split-settings used to run 2^n times
/// (found by the `settings_package` fuzz target): the include cycle is diagnosed instead.
#[test]
fn a_file_that_includes_itself_is_a_cycle_not_a_hang() {
    let source = "from split_settings.tools import include, optional\ninclude('settings.py', optional('missing.py'))\ninclude('settings.py')\nX = 1\n";
    let (_, evaluation) = run_files(&[("settings.py", source)], &[]);
    assert!(
        evaluation
            .diagnostics
            .iter()
            .any(|d| d.message.contains("include cycle")),
        "{:?}",
        evaluation.diagnostics
    );
    assert_eq!(evaluation.namespace.bindings["X"].value.to_string(), "1");
}
