#!/usr/bin/env bash
# Printed when a build fails: a full disk or too little memory makes cargo, the linker or
# cargo-leptos fail with messages that do not say so.
echo "build-resources: disk and memory when the build failed:" >&2
df -h . /tmp >&2 || true
free -m >&2 || true
du -sh target 2>/dev/null >&2 || true
