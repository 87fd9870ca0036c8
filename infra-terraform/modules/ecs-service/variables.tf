variable "name" {
  description = "Name of the ECS service, its task definition family and log group (/ecs/<name>), and the prefix of its roles."
  type        = string
}

variable "region" {
  description = "AWS region (for the awslogs log driver)."
  type        = string
}

variable "container_name" {
  description = "Name of the task's one container (also its log stream prefix)."
  type        = string
}

variable "image" {
  description = "Image the container runs."
  type        = string
}

variable "entry_point" {
  description = "Entry point of the container, overriding the image's; null keeps the image's."
  type        = list(string)
  default     = null
}

variable "command" {
  description = "Command of the container, overriding the image's; null keeps the image's."
  type        = list(string)
  default     = null
}

variable "stop_timeout" {
  description = "Seconds ECS waits after SIGTERM before it kills the container (Fargate: at most 120); null is ECS's default (30)."
  type        = number
  default     = null
}

variable "port_mappings" {
  description = "TCP ports the container listens on, each with a name."
  type = list(object({
    name = string
    port = number
  }))
  default = []
}

variable "environment" {
  description = "Non-secret settings of the container as environment variables."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Secret settings: environment variable name => ARN (SSM parameter, or Secrets Manager secret with its JSON key) ECS reads at task start. Give the execution role the statements that read them (execution_role_statements)."
  type        = map(string)
  default     = {}
}

variable "health_check" {
  description = "The container's health check (ECS's defaults for what is left out); null has none."
  type = object({
    command      = list(string)
    interval     = optional(number, 30)
    timeout      = optional(number, 5)
    retries      = optional(number, 3)
    start_period = optional(number, 0)
  })
  default = null
}

variable "cpu" {
  description = "Fargate CPU units of a task (256 = 0.25 vCPU)."
  type        = number
}

variable "memory" {
  description = "Fargate memory of a task, in MiB."
  type        = number
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64; must match the image."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "execution_role_statements" {
  description = "IAM statements (Allow) of the execution role's read-secrets policy: what reads the secrets and decrypts them. Empty: no such policy."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}

variable "task_role_description" {
  description = "Description of the task role; null says it has ECS Exec only."
  type        = string
  default     = null
}

variable "exec_policy_arn" {
  description = "ARN of the IAM policy for ECS Exec (from the ecs-cluster module), attached to the task role."
  type        = string
}

variable "enable_execute_command" {
  description = "Allow `aws ecs execute-command` into the tasks."
  type        = bool
  default     = true
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster."
  type        = string
}

variable "desired_count" {
  description = "Number of tasks."
  type        = number
  default     = 1
}

variable "capacity_provider" {
  description = "FARGATE, or FARGATE_SPOT (cheaper, may be interrupted)."
  type        = string
  default     = "FARGATE"
}

variable "deployment_minimum_healthy_percent" {
  description = "Lower limit of running tasks during a deployment, in percent of desired_count; null is ECS's default (100)."
  type        = number
  default     = null
}

variable "deployment_maximum_percent" {
  description = "Upper limit of running tasks during a deployment, in percent of desired_count; null is ECS's default (200)."
  type        = number
  default     = null
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores the load balancer's health checks after a task starts; null without a load balancer."
  type        = number
  default     = null
}

variable "private_subnet_ids" {
  description = "Private subnets of the tasks (no public IP)."
  type        = list(string)
}

variable "security_group_id" {
  description = "ID of the tasks' security group."
  type        = string
}

variable "load_balancer" {
  description = "ALB target group the tasks register in, on the container's port; null for none."
  type = object({
    target_group_arn = string
    container_port   = number
  })
  default = null
}

variable "service_discovery" {
  description = "Cloud Map service the tasks register in: <name>.<namespace> with an A record per task, and SRV records of port when port is given; null for none."
  type = object({
    namespace_id = string
    name         = string
    description  = string
    port         = optional(number)
  })
  default = null
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
