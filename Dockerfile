# syntax=docker/dockerfile:1
#
# The daslint container image: the static binary of the release (built by
# scripts/release.sh for the image's platform, so byte for byte the binary
# of the release archive from the same Go and tree) on distroless/static,
# running as the non-root user 65532, in /src.
#
#   docker build --build-arg VERSION=v1.2.3 -t daslint .
#   docker run --rm -v "$PWD:/src:ro" daslint .
#
# Multi-platform: docker buildx build --platform linux/amd64,linux/arm64 .
# (the binary is cross-compiled on the build machine's platform).

FROM --platform=$BUILDPLATFORM golang:1.26.8 AS build
# Set by BuildKit for the platform being built; a default value here would
# override it (docker/buildx#510).
ARG TARGETOS
ARG TARGETARCH
# The tag daslint --version prints, and the archives' file times.
ARG VERSION=v0.0.0-dev
ARG SOURCE_DATE_EPOCH=0
WORKDIR /build
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
	SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" scripts/release.sh -o /release -t "$TARGETOS/$TARGETARCH" "$VERSION" && \
	mkdir /out && tar -C /out -xzf "/release/daslint_${TARGETOS}_${TARGETARCH}.tar.gz"

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=v0.0.0-dev
LABEL org.opencontainers.image.title="daslint" \
	org.opencontainers.image.description="Proves offline that every Aurora cluster with a Database Activity Stream can reach AWS KMS" \
	org.opencontainers.image.source="https://github.com/daslint/daslint" \
	org.opencontainers.image.licenses="Apache-2.0" \
	org.opencontainers.image.version="$VERSION"
COPY --from=build /out/daslint /usr/local/bin/daslint
COPY --from=build /out/LICENSE /out/NOTICE /out/THIRD_PARTY_LICENSES /usr/share/doc/daslint/
# Numeric, so that a runtime that cannot read /etc/passwd (and Kubernetes'
# runAsNonRoot) still sees a non-root user.
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/daslint"]
