variable "name" {
  description = "Name of the bastion instance, role and instance profile."
  type        = string
}

variable "instance_type" {
  description = "Instance type of the bastion."
  type        = string
  default     = "t3.micro"
}

variable "ami_parameter" {
  description = "Public SSM parameter naming the AMI (Amazon Linux 2023, which ships the SSM agent)."
  type        = string
  default     = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

variable "subnet_id" {
  description = "Private subnet of the bastion."
  type        = string
}

variable "security_group_id" {
  description = "ID of the bastion's security group (no ingress)."
  type        = string
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
