# One image holds every service executable; compose.yaml runs one container per
# service from it. Build: docker build -t sotay .
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev libssl-dev libprotobuf-c-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN products="sotay-auth sotay-org sotay-content sotay-meeting sotay-learning sotay-feedback sotay" \
    && for product in $products; do swift build -c release --product "$product" || exit 1; done \
    && mkdir /out && for product in $products; do cp ".build/release/$product" /out/; done

FROM swift:6.3-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libssl3 libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --no-create-home sotay \
    && mkdir /data && chown sotay /data && chmod 700 /data
COPY --from=build /out/ /usr/local/bin/
# Not root: the services run as `sotay` (uid 10001), which owns /data; a named volume
# mounted there starts with that owner, and the key files mounted as secrets must be
# readable by that uid (compose.yaml says how to create them).
USER sotay
WORKDIR /data
