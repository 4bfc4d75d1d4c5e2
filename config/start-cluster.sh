#!/bin/sh
# Starts the three-node example cluster of config/cluster-node-{1,2,3}.properties on this machine, in
# the background: combined mode (broker + controller per node), PLAINTEXT on 19092/29092/39092,
# CONTROLLER on 19093/29093/39093, data under /tmp/samsa-cluster/node-N, logs in
# /tmp/samsa-cluster/node-N.log. Waits until every node has logged its start line (a node starts
# once the metadata quorum has a majority, so all three are launched at once).
#
#   config/start-cluster.sh        then   config/stop-cluster.sh
#
# SAMSA_JAR (default broker/target/samsa-broker.jar) and SAMSA_JAVA_OPTS (e.g. -Xmx512m) are honoured.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${SAMSA_JAR:-$root/broker/target/samsa-broker.jar}
logs=/tmp/samsa-cluster
if [ ! -f "$jar" ]; then
    echo "no $jar: build it first with mvn -B -pl broker -am package -DskipTests" >&2
    exit 1
fi
mkdir -p "$logs"
for node in 1 2 3; do
    pidfile=$logs/node-$node.pid
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "node $node is already running (pid $(cat "$pidfile"))"
        continue
    fi
    # shellcheck disable=SC2086 # SAMSA_JAVA_OPTS is a list of options
    nohup java ${SAMSA_JAVA_OPTS:-} -jar "$jar" "$root/config/cluster-node-$node.properties" \
        >"$logs/node-$node.log" 2>&1 &
    echo $! >"$pidfile"
    echo "node $node: pid $!, log $logs/node-$node.log"
done
deadline=$(($(date +%s) + 90))
for node in 1 2 3; do
    until grep -q "Samsa broker started on" "$logs/node-$node.log"; do
        if ! kill -0 "$(cat "$logs/node-$node.pid")" 2>/dev/null; then
            echo "node $node exited before starting; its log:" >&2
            tail -20 "$logs/node-$node.log" >&2
            exit 1
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "node $node did not start within 90 s; see $logs/node-$node.log" >&2
            exit 1
        fi
        sleep 1
    done
done
echo "cluster started: --bootstrap-server 127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092"
