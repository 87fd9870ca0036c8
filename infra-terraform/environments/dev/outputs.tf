output "alb_dns_name" {
  description = "DNS name of the ALB: point the public host names at it (CNAME or alias)."
  value       = module.alb.dns_name
}

output "public_urls" {
  description = "URLs Kong serves through the ALB."
  value       = [for host in var.proxy_hostnames : "https://${host}.${var.domain_name}/"]
}

output "webhook_urls" {
  description = "Payload URLs to configure at the git host, by provider."
  value = {
    github    = "${module.kongsync.webhook_base_url}github"
    gitlab    = "${module.kongsync.webhook_base_url}gitlab"
    bitbucket = "${module.kongsync.webhook_base_url}bitbucket"
  }
}

output "namespace_id" {
  description = "ID of the Cloud Map namespace (ecs.local)."
  value       = module.service_discovery.namespace_id
}

output "namespace_name" {
  description = "Name of the Cloud Map namespace."
  value       = module.service_discovery.namespace_name
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.ecs_cluster.cluster_name
}

output "kongsync_service_name" {
  description = "Name of kongsync's ECS service (for aws ecs execute-command)."
  value       = module.kongsync.service_name
}

output "kongsync_ecr_repository_url" {
  description = "ECR repository to push the kongsync image to (null when kongsync_image is set)."
  value       = module.kongsync.ecr_repository_url
}

output "kongsync_image" {
  description = "Image kongsync's task runs."
  value       = module.kongsync.image
}

output "kms_key_alias" {
  description = "KMS key alias for `aws ssm put-parameter --key-id`."
  value       = module.ssm.kms_key_alias
}

output "ssm_parameter_names" {
  description = "SecureString parameters whose values you set with `aws ssm put-parameter --overwrite`."
  value       = module.ssm.parameter_names
}

output "kong_migrations_command" {
  description = "The one-off `kong migrations bootstrap` task (postgres mode only)."
  value = local.postgres ? join(" ", [
    "aws ecs run-task --region ${var.region} --cluster ${module.ecs_cluster.cluster_name}",
    "--task-definition ${module.kong.migrations_task_definition_arn} --launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", module.network.private_subnet_ids)}],securityGroups=[${module.security_groups.kong_security_group_id}],assignPublicIp=DISABLED}'",
  ]) : null
}

output "kongsync_store_endpoint" {
  description = "host:port of kongsync's store (Kong's instance in postgres mode, kongsync's own otherwise)."
  value       = module.kongsync_store.endpoint
}

output "kongsync_store_jdbc_url" {
  description = "kongsync.store.url the tasks get (KONGSYNC_STORE_URL)."
  value       = module.kongsync_store.jdbc_url
}

output "kongsync_store_bootstrap_command" {
  description = "The one-off task making kongsync's user and database on Kong's instance (postgres mode only): run it after the migrations, before kongsync starts."
  value = local.postgres ? join(" ", [
    "aws ecs run-task --region ${var.region} --cluster ${module.ecs_cluster.cluster_name}",
    "--task-definition ${module.kongsync_store.bootstrap_task_definition_arn} --launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", module.network.private_subnet_ids)}],securityGroups=[${module.security_groups.kongsync_security_group_id}],assignPublicIp=DISABLED}'",
  ]) : null
}

output "bastion_instance_id" {
  description = "Bastion for `aws ssm start-session --target` (null without one)."
  value       = one(module.bastion[*].instance_id)
}

output "nat_public_ips" {
  description = "Addresses kongsync reaches the git host from (for an allow-list)."
  value       = module.network.nat_public_ips
}
