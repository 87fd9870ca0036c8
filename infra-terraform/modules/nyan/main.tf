# The sample service that routes/nyan.yaml proxies to: a small web container registered in Cloud Map as
# nyan.<namespace> (nyan.ecs.local), reachable from Kong only.
module "service" {
  source = "../ecs-service"

  name               = var.name
  region             = var.region
  container_name     = "nyan"
  image              = var.image
  exec_policy_arn    = var.exec_policy_arn
  cpu                = var.cpu
  memory             = var.memory
  cpu_architecture   = var.cpu_architecture
  cluster_arn        = var.cluster_arn
  desired_count      = var.desired_count
  capacity_provider  = var.capacity_provider
  private_subnet_ids = var.private_subnet_ids
  security_group_id  = var.security_group_id
  log_retention_days = var.log_retention_days
  tags               = var.tags

  # nginx serving one page that says which task answered.
  entry_point = ["/bin/sh", "-c"]
  command = [
    "printf 'nyan: served by %s through Kong\\n' \"$(hostname)\" > /usr/share/nginx/html/index.html && exec nginx -g 'daemon off;'"
  ]
  port_mappings = [{ name = "http", port = var.port }]

  health_check = {
    command      = ["CMD-SHELL", "wget -q -O /dev/null http://localhost:${var.port}/ || exit 1"]
    interval     = 30
    timeout      = 5
    retries      = 3
    start_period = 10
  }

  service_discovery = {
    namespace_id = var.namespace_id
    name         = var.discovery_name
    description  = "Sample service proxied by Kong (routes/nyan.yaml)"
  }
}
