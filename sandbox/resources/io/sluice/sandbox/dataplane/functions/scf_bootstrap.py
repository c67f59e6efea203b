# Sluice sandbox: the SCF Python 3 runtime bootstrap.
#
# Started once per warm worker as: python3 -u scf_bootstrap.py <code folder> <module.function>
# It imports the handler once (the cold start), answers {"ready": true} on stdout, then serves one
# invocation per line: in {"event": ..., "context": ...}, out {"ok": true, "result": ...} or
# {"ok": false, "error": "..."}. User output (print) goes to stderr so it cannot break the protocol.
import importlib
import json
import os
import sys
import traceback


def main():
    folder, handler = sys.argv[1], sys.argv[2]
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout = sys.stderr

    def send(message):
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")
        protocol.flush()

    module_name, function_name = handler.rsplit(".", 1)
    try:
        sys.path.insert(0, folder)
        os.chdir(folder)
        function = getattr(importlib.import_module(module_name), function_name)
    except BaseException:
        send({"ready": False, "error": traceback.format_exc()})
        return 1
    send({"ready": True})

    while True:
        line = sys.stdin.readline()
        if not line:
            return 0
        request = json.loads(line)
        try:
            result = function(request["event"], request["context"])
            send({"ok": True, "result": result})
        except BaseException:
            send({"ok": False, "error": traceback.format_exc()})


if __name__ == "__main__":
    sys.exit(main())
