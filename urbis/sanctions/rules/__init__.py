"""Pure legal rules of the administrative-sanctions (GAS/SAC) app.

Nothing in this package imports Django or another Urbis app (import-linter contract in
``pyproject.toml``); every function takes plain values and returns plain values, so a lawyer can
review each rule next to its legal basis and the tests run without settings or a database.
The rule identifiers (GAS-Rnn) refer to the rules table of the GAS legal specification
(``shared/domain/gas.md`` §9); ``docs/sanctions-rules.md`` lists what is implemented where.
"""
