"""Small helpers for reading configuration from the environment."""
import ast
import os


def get_bool_from_env(name, default_value):
    if name in os.environ:
        value = os.environ[name]
        try:
            return ast.literal_eval(value)
        except ValueError as e:
            raise ValueError(f'{value} is an invalid value for {name}') from e
    return default_value


def get_list(text):
    return [item.strip() for item in text.split(',')]
