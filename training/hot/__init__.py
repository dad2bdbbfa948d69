"""HoT lifter training package (hourglass-mocap)."""
