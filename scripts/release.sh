#!/usr/bin/env bash
# Tags a release: `npm run release -- 1.2.0` (add --push to push the tag).
# Refuses unless the tree is clean, dist/ is exactly what the sources build, package.json has the
# version and CHANGELOG.md has a section for it. Then it tags vX.Y.Z and moves the major tag vX
# locally. Pushing vX.Y.Z starts .github/workflows/release.yml, which checks again, tests, attests
# dist/index.js, moves vX on GitHub and publishes the release.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

usage() { echo "usage: npm run release -- X.Y.Z [--push]" >&2; exit 2; }
version="${1:-}"; version="${version#v}"
push="${2:-}"
[[ "$version" =~ ^([0-9]+)\.[0-9]+\.[0-9]+$ ]] || usage
major="v${BASH_REMATCH[1]}"
tag="v$version"
[ -z "$push" ] || [ "$push" = --push ] || usage

fail() { echo "release: $*" >&2; exit 1; }

[ -z "$(git status --porcelain)" ] || fail "the working tree has uncommitted changes; commit or stash them first"
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "$tag already exists"
[ "$(node -p 'require("./package.json").version')" = "$version" ] ||
  fail "package.json says version $(node -p 'require("./package.json").version'), not $version"
grep -q "^## \[$version\]" CHANGELOG.md || fail "CHANGELOG.md has no '## [$version]' section"

npm run bundle --silent -- --quiet
if [ -n "$(git status --porcelain -- dist/)" ]; then
  git checkout -- dist/ && git clean -fdq -- dist/
  fail "dist/ is not what the sources build: run 'npm run bundle' and commit dist/"
fi

git tag -a "$tag" -m "$tag"
git tag -fa "$major" -m "$major (points at $tag)"
echo "Tagged $tag and moved $major to $(git rev-parse --short HEAD)."
if [ "$push" = --push ]; then
  git push origin "$tag"
else
  echo "Push the tag with: git push origin $tag (the release workflow moves $major and publishes the release)."
fi
