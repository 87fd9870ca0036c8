# The private DNS namespace (a Route 53 private hosted zone on the VPC) that Kong's admin nodes and the sample
# services register in: kong-admin.ecs.local, nyan.ecs.local.
resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = var.namespace_name
  description = var.description
  vpc         = var.vpc_id

  tags = merge(var.tags, { Name = var.namespace_name })
}
