#!/bin/sh
# Stops the nodes config/start-cluster.sh started: SIGTERM to each (a controlled shutdown: the
# controller moves its leaderships away first), then waits up to 60 s for each to exit. Data in
# /tmp/samsa-cluster/node-N stays; start-cluster.sh brings the same cluster back.
set -eu
logs=/tmp/samsa-cluster
for node in 1 2 3; do
    pidfile=$logs/node-$node.pid
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        waited=0
        while kill -0 "$pid" 2>/dev/null; do
            if [ "$waited" -ge 60 ]; then
                echo "node $node (pid $pid) still running after 60 s; kill -9 it by hand if needed" >&2
                exit 1
            fi
            sleep 1
            waited=$((waited + 1))
        done
        echo "node $node stopped"
    fi
    rm -f "$pidfile"
done
