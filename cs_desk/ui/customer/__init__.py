"""The customer profile sidebar (客户画像): card, tags, note, value segment, orders, history."""
