# Shared setup of the CPU benchmarks (sourced by model-bench.sh and train-bench.sh; run from the
# repository root). Installs the baseline (Debian's python3-torch with OpenBLAS) when missing and
# builds cogpo with its test classes, leaving the Java classpath in $CP.
PY=${PYTHON:-/usr/bin/python3} # Debian's interpreter, where python3-torch lives (not a pyenv shim)

if ! "$PY" -c "import torch, numpy" 2>/dev/null || ! ldconfig -p | grep -q libopenblas; then
  echo "installing Debian python3-torch and OpenBLAS (once)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread >&2
fi

# one reactor invocation: crv-core resolves to its target/classes, nothing needs installing
mvn -B -q -pl cogpo -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath >&2
CP="cogpo/target/classes:cogpo/target/test-classes:$(cat cogpo/target/bench.classpath)"
