# syntax=docker/dockerfile:1
# One image per service, built from the sources (no host build needed):
#   docker build --build-arg MODULE=pipeline-service -t cogalign/pipeline-service:0.1.0 .
#   docker build --build-arg MODULE=trainer-service --build-arg FLAVOR=cuda \
#     -t cogalign/trainer-service:0.1.0-cuda .
# MODULE: gateway, pipeline-service, critic-service, rethink-service, verifier-service,
# trainer-service. FLAVOR (trainer-service only): cpu (default: libtorch from the Maven jar) or
# cuda (libtorch 2.7.1+cu128 downloaded here, at image build time). docs/deploy.md explains it.

ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble
ARG FLAVOR=cpu

# ---- build: Maven, the project's dependencies in their own cached layer ----
FROM ${MAVEN_IMAGE} AS build
ARG MODULE
WORKDIR /src
# every pom first: the dependency layer below is rebuilt only when a pom changes
COPY pom.xml ./
COPY test-support/pom.xml test-support/
COPY crv-core/pom.xml crv-core/
COPY cogpo/pom.xml cogpo/
COPY agent-llm/pom.xml agent-llm/
COPY agent-web/pom.xml agent-web/
COPY critic-service/pom.xml critic-service/
COPY rethink-service/pom.xml rethink-service/
COPY verifier-service/pom.xml verifier-service/
COPY service-web/pom.xml service-web/
COPY pipeline-service/pom.xml pipeline-service/
COPY trainer-service/pom.xml trainer-service/
COPY gateway/pom.xml gateway/
COPY launcher/pom.xml launcher/
COPY deploy-check/pom.xml deploy-check/
RUN test -n "${MODULE}" || (echo "--build-arg MODULE=<service module> is required" >&2; exit 1)
RUN mvn -B -q -pl "${MODULE}" -am dependency:resolve
COPY . .
RUN mvn -B -q -pl "${MODULE}" -am -DskipTests package \
 && java -Djarmode=tools -jar "${MODULE}/target/${MODULE}-"*-exec.jar extract --layers \
      --destination /layers \
 && mv /layers/application/*-exec.jar /layers/application/app.jar

# ---- natives: libtorch and the tokenizers library unpacked once, here (trainer-service) ----
FROM build AS natives
ARG MODULE
ARG FLAVOR
ARG LIBTORCH_CUDA_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
ENV DJL_CACHE_DIR=/opt/djl
RUN set -eu; mkdir -p /opt/djl /opt/libtorch; \
    case "${FLAVOR}" in cpu|cuda) ;; *) echo "FLAVOR ${FLAVOR} is not one of cpu|cuda" >&2; exit 1;; esac; \
    if ! ls /layers/dependencies/lib/pytorch-engine-*.jar >/dev/null 2>&1; then \
      echo "${MODULE:-this module} has no DJL engine: nothing to unpack"; exit 0; fi; \
    if [ "${FLAVOR}" = cuda ]; then \
      apt-get update -q && apt-get install -y -q --no-install-recommends curl unzip; \
      curl -fsSL -o /tmp/libtorch.zip "${LIBTORCH_CUDA_URL}"; \
      unzip -q /tmp/libtorch.zip -d /opt; rm /tmp/libtorch.zip; \
      jni=/opt/djl/pytorch/2.7.1-cu128-linux-x86_64; mkdir -p "$jni"; \
      unzip -p /layers/dependencies/lib/pytorch-jni-*.jar jnilib/linux-x86_64/cu128/libdjl_torch.so \
        > "$jni/0.36.0-libdjl_torch.so"; \
      java -Dai.djl.offline=true -cp "/layers/dependencies/lib/*" \
        /src/docker/PrefetchNatives.java tokenizers; \
    else \
      java -Dai.djl.offline=true -cp "/layers/dependencies/lib/*" \
        /src/docker/PrefetchNatives.java pytorch tokenizers; \
    fi; \
    chmod -R a+rX /opt/djl /opt/libtorch

# ---- runtime: a JRE, the Spring Boot layers in their own image layers, a numeric non-root user ----
FROM ${RUNTIME_IMAGE} AS runtime-common
ARG MODULE
ARG FLAVOR
LABEL org.opencontainers.image.title="cogalign/${MODULE}" \
      org.opencontainers.image.description="CogAlign ${MODULE} (${FLAVOR})"
# the trainer's storage folder exists, owned by the service user, so that a fresh named volume
# mounted there (docker compose) starts out writable by it
RUN groupadd --system --gid 10001 cogalign \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
      --shell /usr/sbin/nologin cogalign \
 && mkdir -p /var/lib/cogalign/trainer && chown 10001:10001 /var/lib/cogalign/trainer
WORKDIR /app
# least to most often changed: each COPY is one image layer
COPY --from=natives /opt/libtorch /opt/libtorch
COPY --from=natives /opt/djl /opt/djl
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY docker/healthcheck.sh /usr/local/bin/cogalign-health
# DJL finds libtorch and the tokenizers library unpacked under /opt/djl and writes nothing at
# start, so the root file system can be read-only; /tmp is the one writable folder it needs
ENV DJL_CACHE_DIR=/opt/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75" \
    HOME=/tmp
USER 10001:10001
EXPOSE 8080 8081 8082 8083 8084 8085
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-Djava.io.tmpdir=/tmp", "-jar", "/app/app.jar"]

FROM runtime-common AS runtime-cpu

# libtorch 2.7.1+cu128 from /opt/libtorch; its JNI (from the pytorch-jni jar) sits in /opt/djl
FROM runtime-common AS runtime-cuda
ENV PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_FLAVOR=cu128 \
    PYTORCH_VERSION=2.7.1

FROM runtime-${FLAVOR}
