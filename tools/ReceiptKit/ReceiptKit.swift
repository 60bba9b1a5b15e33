// ReceiptKit: the logic of the receipt workers, kept apart from their MCP servers so that it
// can be tested directly: LineItemParser (OCR text → items and totals) and ExpenseCategorizer
// (items → expense categories, from the lexicon in catalogs/lexicon.json).
