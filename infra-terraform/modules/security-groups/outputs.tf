output "alb_security_group_id" {
  description = "ID of the ALB's security group."
  value       = aws_security_group.alb.id
}

output "kong_security_group_id" {
  description = "ID of the Kong tasks' security group (also the migrations task's)."
  value       = aws_security_group.kong.id
}

output "kongsync_security_group_id" {
  description = "ID of the kongsync task's security group, the only one Kong's admin API admits."
  value       = aws_security_group.kongsync.id
}

output "nyan_security_group_id" {
  description = "ID of the sample nyan service's security group."
  value       = aws_security_group.nyan.id
}

output "database_security_group_id" {
  description = "ID of the database's security group, or null when there is no database."
  value       = one(aws_security_group.database[*].id)
}

output "bastion_security_group_id" {
  description = "ID of the bastion's security group, or null when there is no bastion."
  value       = one(aws_security_group.bastion[*].id)
}
