# One VPC, a public and a private subnet per availability zone, and a route to
# the internet for the public ones. Private subnets get no NAT gateway: it is
# billed by the hour, so add one only when something private needs egress.

locals {
  az_count = length(var.availability_zones)

  # Public subnets fill the lower half of the VPC range, private ones the upper half:
  # adding an AZ appends a subnet to each tier and never renumbers existing ones
  # (a changed cidr_block would force the subnet, and all in it, to be replaced).
  private_offset = pow(2, var.subnet_newbits) / 2
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "public" {
  count = local.az_count

  vpc_id                  = aws_vpc.this.id
  availability_zone       = var.availability_zones[count.index]
  cidr_block              = cidrsubnet(var.cidr_block, var.subnet_newbits, count.index)
  map_public_ip_on_launch = false # a public IP only when asked for, never by default

  lifecycle {
    precondition {
      condition     = local.az_count <= local.private_offset
      error_message = "Too many availability zones for subnet_newbits: each tier holds ${local.private_offset} subnets."
    }
  }

  tags = {
    Name = "${var.name}-public-${var.availability_zones[count.index]}"
    Tier = "public"
  }
}

resource "aws_subnet" "private" {
  count = local.az_count

  vpc_id            = aws_vpc.this.id
  availability_zone = var.availability_zones[count.index]
  cidr_block        = cidrsubnet(var.cidr_block, var.subnet_newbits, local.private_offset + count.index)

  tags = {
    Name = "${var.name}-private-${var.availability_zones[count.index]}"
    Tier = "private"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = "${var.name}-public"
  }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count = local.az_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# Private subnets keep the VPC's main route table: local traffic only.
