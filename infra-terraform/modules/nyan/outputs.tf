output "service_name" {
  description = "Name of the sample service's ECS service."
  value       = module.service.service_name
}

output "discovery_name" {
  description = "Cloud Map service name of the sample service."
  value       = module.service.discovery_service_name
}
