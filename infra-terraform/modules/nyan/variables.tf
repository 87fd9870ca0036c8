variable "name" {
  description = "Name of the sample service's ECS service, task definition family and roles."
  type        = string
}

variable "region" {
  description = "AWS region (for the awslogs log driver)."
  type        = string
}

variable "image" {
  description = "Web server image; the task writes its one page at start (the image needs /bin/sh, wget and nginx)."
  type        = string
  default     = "nginx:stable-alpine"
}

variable "port" {
  description = "Port the container serves HTTP on; routes/nyan.yaml uses 80."
  type        = number
  default     = 80
}

variable "cpu" {
  description = "Fargate CPU units of a task."
  type        = number
  default     = 256
}

variable "memory" {
  description = "Fargate memory of a task, in MiB."
  type        = number
  default     = 512
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64."
  type        = string
  default     = "X86_64"
}

variable "desired_count" {
  description = "Number of tasks."
  type        = number
  default     = 1
}

variable "capacity_provider" {
  description = "FARGATE or FARGATE_SPOT."
  type        = string
  default     = "FARGATE"
}

variable "discovery_name" {
  description = "Cloud Map service name: nyan => nyan.<namespace>, the host routes/nyan.yaml sends to."
  type        = string
  default     = "nyan"
}

variable "namespace_id" {
  description = "ID of the Cloud Map namespace."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "security_group_id" {
  description = "ID of the service's security group (admits Kong only)."
  type        = string
}

variable "exec_policy_arn" {
  description = "ARN of the IAM policy for ECS Exec (from the ecs-cluster module)."
  type        = string
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the service's logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
