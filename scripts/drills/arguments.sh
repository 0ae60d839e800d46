# The drills' common command line, sourced by each drill: `[--short] [BINARY]`, `-h` prints the
# drill's header comment (its lines 2 to the first blank line). Sets `short` (an array: empty or
# `--short`) and `binary` (BINARY, else SPHERY_BIN, else a debug build made here).
short=()
binary="${SPHERY_BIN:-}"
for argument in "$@"; do
    case "$argument" in
        --short) short=(--short) ;;
        -h | --help) sed -n '2,/^$/p' "$0" | sed -n '/^#/p' | cut -c3-; exit 0 ;;
        *) binary="$argument" ;;
    esac
done
if [[ -z "$binary" ]]; then
    swift build --product sphery-engine > /dev/null
    binary="$(swift build --show-bin-path)/sphery-engine"
fi
