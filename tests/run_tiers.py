"""`make test`'s last step: the browser tier (two workers, one shared app server started here) beside the integration
tier (three workers), as two pytest processes; the integration tier's report is printed after the browser tier's.
Exit status 0 only when both tiers pass.

    python -m tests.run_tiers [PYTEST ARGS...]   (extra arguments go to both pytest commands)
"""

import os
import subprocess
import sys
import tempfile

from tests.support import ROOT, SHARED_SERVER_ENV, start_server


def main(argv: list[str]) -> int:
    pytest = [sys.executable, "-m", "pytest", *argv]
    with start_server() as server, tempfile.TemporaryFile() as log:  # the browser tier's one shared server
        integration = subprocess.Popen([*pytest, "-n", "3", "--dist", "loadfile", "tests/integration"], cwd=ROOT, stdout=log,
                                       stderr=subprocess.STDOUT)
        try:
            browser = subprocess.run([*pytest, "-n", os.environ.get("ASCN_BROWSER_WORKERS", "2"), "--dist", "worksteal", "tests/browser"], cwd=ROOT,
                                     env={**os.environ, SHARED_SERVER_ENV: server.base}).returncode
            integration.wait(timeout=1800)
        finally:
            if integration.poll() is None:  # interrupted: do not leave the tier running
                integration.kill()
                integration.wait()
        log.seek(0)
        sys.stdout.write("== tests/integration\n")
        sys.stdout.flush()
        sys.stdout.buffer.write(log.read())
    print(f"== browser tier exit {browser}, integration tier exit {integration.returncode}")
    return 0 if browser == 0 and integration.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
