output "namespace_id" {
  description = "ID of the Cloud Map namespace."
  value       = aws_service_discovery_private_dns_namespace.this.id
}

output "namespace_arn" {
  description = "ARN of the Cloud Map namespace."
  value       = aws_service_discovery_private_dns_namespace.this.arn
}

output "namespace_name" {
  description = "Name of the Cloud Map namespace (ecs.local)."
  value       = aws_service_discovery_private_dns_namespace.this.name
}

output "hosted_zone_id" {
  description = "ID of the Route 53 private hosted zone behind the namespace."
  value       = aws_service_discovery_private_dns_namespace.this.hosted_zone
}
