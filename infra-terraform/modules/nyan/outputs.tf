output "service_name" {
  description = "Name of the sample service's ECS service."
  value       = aws_ecs_service.this.name
}

output "discovery_name" {
  description = "Cloud Map service name of the sample service."
  value       = aws_service_discovery_service.this.name
}
