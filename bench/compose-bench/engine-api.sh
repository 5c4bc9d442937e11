# Sourced by floor.sh and floor-healthy.sh: the bare Engine API requests (curl on the socket) of a compose
# project's `up`, with the image, healthcheck, labels and network alias the generated Compose file gives each
# service. Needs $project and $image set.
sock=${DOCKER_SOCK:-/var/run/docker.sock}
net="${project}_default"
api() { curl -sf --unix-socket "$sock" -o /dev/null -H 'Content-Type: application/json' "$@"; }
create_network() {
  api -d "{\"Name\":\"$net\",\"CheckDuplicate\":true,\"Labels\":{\"com.docker.compose.project\":\"$project\",\"com.docker.compose.network\":\"default\"}}" \
    http://docker/networks/create
}
create() { # service number
  local svc="s$1" name="${project}-s$1-1"
  api -d "{\"Image\":\"$image\",
    \"Labels\":{\"com.docker.compose.project\":\"$project\",\"com.docker.compose.service\":\"$svc\",\"com.docker.compose.container-number\":\"1\",\"com.docker.compose.oneoff\":\"False\"},
    \"Healthcheck\":{\"Test\":[\"CMD\",\"wget\",\"-q\",\"-O\",\"/dev/null\",\"http://127.0.0.1:8000/health\"],\"Interval\":250000000,\"Timeout\":2000000000,\"Retries\":3},
    \"HostConfig\":{\"Init\":true,\"NetworkMode\":\"$net\"},
    \"NetworkingConfig\":{\"EndpointsConfig\":{\"$net\":{\"Aliases\":[\"$svc\",\"$name\"]}}}}" \
    "http://docker/containers/create?name=$name"
}
start() { api -X POST "http://docker/containers/${project}-s$1-1/start"; }
