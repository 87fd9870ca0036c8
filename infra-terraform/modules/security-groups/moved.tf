# Where the rules went when they became maps: state moves, no rule is replaced. The ALB's rules moved with the
# default ports (8000, 8100, 8080, 8081); with other ports, write these moves for yours.

moved {
  from = aws_vpc_security_group_egress_rule.alb_to_kong["8000"]
  to   = aws_vpc_security_group_egress_rule.alb_to_target["kong-8000"]
}

moved {
  from = aws_vpc_security_group_egress_rule.alb_to_kong["8100"]
  to   = aws_vpc_security_group_egress_rule.alb_to_target["kong-8100"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.kong_proxy_from_alb["8000"]
  to   = aws_vpc_security_group_ingress_rule.target_from_alb["kong-8000"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.kong_proxy_from_alb["8100"]
  to   = aws_vpc_security_group_ingress_rule.target_from_alb["kong-8100"]
}

moved {
  from = aws_vpc_security_group_egress_rule.alb_to_kongsync["8080"]
  to   = aws_vpc_security_group_egress_rule.alb_to_target["kongsync-8080"]
}

moved {
  from = aws_vpc_security_group_egress_rule.alb_to_kongsync["8081"]
  to   = aws_vpc_security_group_egress_rule.alb_to_target["kongsync-8081"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.kongsync_from_alb["8080"]
  to   = aws_vpc_security_group_ingress_rule.target_from_alb["kongsync-8080"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.kongsync_from_alb["8081"]
  to   = aws_vpc_security_group_ingress_rule.target_from_alb["kongsync-8081"]
}

moved {
  from = aws_vpc_security_group_egress_rule.kong_all
  to   = aws_vpc_security_group_egress_rule.anywhere["kong"]
}

moved {
  from = aws_vpc_security_group_egress_rule.kongsync_all
  to   = aws_vpc_security_group_egress_rule.anywhere["kongsync"]
}

moved {
  from = aws_vpc_security_group_egress_rule.nyan_all
  to   = aws_vpc_security_group_egress_rule.anywhere["nyan"]
}

moved {
  from = aws_vpc_security_group_egress_rule.bastion_all[0]
  to   = aws_vpc_security_group_egress_rule.anywhere["bastion"]
}
