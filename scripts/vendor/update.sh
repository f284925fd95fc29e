#!/bin/sh
# Refresh the front-end libraries the site serves itself (no CDN at build, test or view time).
# Versions are pinned in package.json / package-lock.json beside this script: change the version
# there, run this script, look at the diff and commit site_overrides/assets/vendor/ with it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../../site_overrides/assets/vendor"
npm ci --prefix "$here" --no-audit --no-fund --silent
copy() {  # copy PACKAGE FILE...: the files and the package's licence into vendor/PACKAGE/
    package=$1; shift
    mkdir -p "$dest/$package"
    for file in "$@"; do cp "$here/node_modules/$package/$file" "$dest/$package/"; done
    for licence in LICENSE LICENSE.txt LICENSE.md; do  # saved as LICENSE whatever its name
        if [ -f "$here/node_modules/$package/$licence" ]; then
            cp "$here/node_modules/$package/$licence" "$dest/$package/LICENSE"; break
        fi
    done
    node -e "process.stdout.write(require('$here/node_modules/$package/package.json').version + '\n')" \
        > "$dest/$package/VERSION"
}
copy mermaid dist/mermaid.min.js
copy graphology dist/graphology.umd.min.js  # the whole-graph page (site_overrides/assets/hallway/graph.js)
copy sigma dist/sigma.min.js
echo "vendored into $dest:" && ls -R "$dest"
