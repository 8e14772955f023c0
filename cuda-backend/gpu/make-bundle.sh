#!/usr/bin/env bash
# Packs what the GPU check needs into .gpu/bundle.tar.xz (repository root, git-ignored): a jlinked JDK, the
# runtime and test jars, the compiled test classes and JUnit's console launcher. The device machine has no
# JDK, no Maven and no network, so everything it runs must travel with the call.
# Usage (repository root, after `mvn -B -q install -DskipTests`): cuda-backend/gpu/make-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
junit_platform=1.11.4
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mvn -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_platform
mvn -B -q -o -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$stage/cp.txt"

mkdir -p "$stage/bundle/lib" "$stage/bundle/tests-classes" "$stage/bundle/cuda-classes"
tr ':' '\n' < "$stage/cp.txt" | grep -v -e junit -e opentest4j -e apiguardian | xargs -I{} cp {} "$stage/bundle/lib/"
cp ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_platform/*-$junit_platform.jar \
   "$stage/bundle/junit-console.jar"
cp -r tests/target/test-classes/. "$stage/bundle/tests-classes/"
cp -r cuda-backend/target/test-classes/. "$stage/bundle/cuda-classes/"
# the CLI runs from lib/ (dev.nabla.models.cli.Main): the shaded nabla.jar would carry every jar twice
jlink --add-modules java.base,java.logging,java.desktop,java.management,jdk.unsupported,jdk.incubator.vector,java.xml,java.sql,java.naming,jdk.zipfs,jdk.management \
      --strip-debug --no-man-pages --no-header-files --output "$stage/bundle/jdk" 2>/dev/null

# Debian's JDK draws text through the system's harfbuzz and fonts; bare GPU images have neither (plots need them)
mkdir -p "$stage/bundle/native" "$stage/bundle/fonts"
for lib in libharfbuzz.so.0 libfreetype.so.6 libgraphite2.so.3 libglib-2.0.so.0 libpng16.so.16 libbrotlidec.so.1 \
           libbrotlicommon.so.1 libpcre2-8.so.0 libfontconfig.so.1 libexpat.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$stage/bundle/native/" 2>/dev/null || true
done
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$stage/bundle/fonts/" 2>/dev/null || true

mkdir -p .gpu
tar -C "$stage" -cJf .gpu/bundle.tar.xz bundle
du -h .gpu/bundle.tar.xz
