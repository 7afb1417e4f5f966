# A subnet plan without any provider: pure arithmetic on CIDR blocks, so that it can
# be validated and tested anywhere. Public subnets fill the lower half of the VPC
# range and private ones the upper half, so adding an AZ appends a subnet to each
# tier instead of renumbering (and so replacing) the existing ones.

locals {
  prefix_len      = tonumber(split("/", var.vpc_cidr)[1])
  blocks_per_tier = pow(2, var.newbits) / 2

  public_cidrs  = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, var.newbits, i)]
  private_cidrs = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, var.newbits, local.blocks_per_tier + i)]
}

check "room_for_every_az" {
  assert {
    condition     = var.az_count <= local.blocks_per_tier
    error_message = "newbits ${var.newbits} leaves ${local.blocks_per_tier} subnets per tier, fewer than az_count ${var.az_count}."
  }
}
