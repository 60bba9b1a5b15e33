extension BuiltinFunctions {
    /// The built-in catalog: exactly the bytes of `catalogs/functions.json` (a test checks
    /// that they stay identical; edit both together). The blank line before the closing
    /// delimiter is the file's final newline.
    static let catalogJSON = #"""
{
  "name": "functions",
  "version": "1.0.0",
  "tools": [
    {
      "name": "compute_tax",
      "type": "function",
      "description": "Computes the tax on an amount, exactly in cents: tax = amount × tax_rate rounded half away from zero to the cent, and total = amount + tax. An amount with more than two decimals is first rounded to cents the same way.",
      "inputSchema": {
        "type": "object",
        "required": ["amount", "tax_rate"],
        "additionalProperties": false,
        "properties": {
          "amount": {
            "type": "number",
            "description": "The amount before tax, such as 21.64; negative for a refund."
          },
          "tax_rate": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "The tax rate as a fraction: 0.08 for 8 %."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["amount", "tax_rate", "tax", "total"],
        "additionalProperties": false,
        "properties": {
          "amount": { "type": "number", "multipleOf": 0.01, "description": "The amount before tax, in cents." },
          "tax_rate": { "type": "number", "minimum": 0, "maximum": 1, "description": "The tax rate as given." },
          "tax": {
            "type": "number",
            "multipleOf": 0.01,
            "description": "amount × tax_rate, rounded half away from zero to the cent."
          },
          "total": { "type": "number", "multipleOf": 0.01, "description": "amount + tax." }
        }
      }
    },
    {
      "name": "apply_discount",
      "type": "function",
      "description": "Takes a percentage off an amount, exactly in cents: discount = amount × percent / 100 rounded half away from zero to the cent, and total = amount − discount. An amount with more than two decimals is first rounded to cents the same way.",
      "inputSchema": {
        "type": "object",
        "required": ["amount", "percent"],
        "additionalProperties": false,
        "properties": {
          "amount": { "type": "number", "description": "The amount before the discount, such as 19.99." },
          "percent": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "The discount in percent: 15 for 15 %."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["amount", "percent", "discount", "total"],
        "additionalProperties": false,
        "properties": {
          "amount": {
            "type": "number",
            "multipleOf": 0.01,
            "description": "The amount before the discount, in cents."
          },
          "percent": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "The percentage as given."
          },
          "discount": {
            "type": "number",
            "multipleOf": 0.01,
            "description": "amount × percent / 100, rounded half away from zero to the cent."
          },
          "total": { "type": "number", "multipleOf": 0.01, "description": "amount − discount." }
        }
      }
    },
    {
      "name": "merge_items",
      "type": "function",
      "description": "Merges several lists of line items into one: items with the same name (compared exactly after trimming surrounding whitespace) become one item, in the order names first appear, with quantities and totals summed. unit_price and category are taken from the first item of that name that has one. Totals and unit prices are returned in cents; every merged item has a quantity.",
      "inputSchema": {
        "type": "object",
        "required": ["lists"],
        "additionalProperties": false,
        "properties": {
          "lists": {
            "type": "array",
            "description": "The lists of items to merge, such as the items of several receipts.",
            "items": {
              "type": "array",
              "items": {
                "type": "object",
                "description": "A line item; other members (such as a categorizer's confidence) are allowed. Money fields are numbers in the currency's units (21.64); amounts with more than two decimals are rounded half away from zero to cents.",
                "required": ["name", "total"],
                "properties": {
                  "name": { "type": "string", "pattern": "\\S", "description": "The item's name; not blank." },
                  "quantity": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "default": 1,
                    "description": "How many, or how much (1.32 for a weight); 1 when absent."
                  },
                  "unit_price": { "type": "number", "minimum": 0, "description": "The price of one unit." },
                  "total": {
                    "type": "number",
                    "description": "The line total; negative for a discount or refund line."
                  },
                  "category": {
                    "type": "string",
                    "minLength": 1,
                    "description": "The expense category, such as food; an item without one is uncategorized."
                  }
                }
              }
            }
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["items", "count"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "description": "A merged item; its name is trimmed.",
              "required": ["name", "quantity", "total"],
              "properties": {
                "name": { "type": "string", "pattern": "\\S" },
                "quantity": { "type": "number", "exclusiveMinimum": 0 },
                "unit_price": { "type": "number", "multipleOf": 0.01, "minimum": 0 },
                "total": { "type": "number", "multipleOf": 0.01 },
                "category": { "type": "string", "minLength": 1 }
              }
            }
          },
          "count": { "type": "integer", "minimum": 0, "description": "The number of merged items." }
        }
      }
    },
    {
      "name": "filter_items_by_category",
      "type": "function",
      "description": "Keeps the items of one category, compared without regard to case; items without a category belong to the category uncategorized. The kept items are returned unchanged, in their order.",
      "inputSchema": {
        "type": "object",
        "required": ["items", "category"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "description": "A line item; other members (such as a categorizer's confidence) are allowed. Money fields are numbers in the currency's units (21.64); amounts with more than two decimals are rounded half away from zero to cents.",
              "required": ["name", "total"],
              "properties": {
                "name": { "type": "string", "pattern": "\\S", "description": "The item's name; not blank." },
                "quantity": {
                  "type": "number",
                  "exclusiveMinimum": 0,
                  "default": 1,
                  "description": "How many, or how much (1.32 for a weight); 1 when absent."
                },
                "unit_price": { "type": "number", "minimum": 0, "description": "The price of one unit." },
                "total": {
                  "type": "number",
                  "description": "The line total; negative for a discount or refund line."
                },
                "category": {
                  "type": "string",
                  "minLength": 1,
                  "description": "The expense category, such as food; an item without one is uncategorized."
                }
              }
            }
          },
          "category": {
            "type": "string",
            "minLength": 1,
            "description": "The category to keep, such as food, or uncategorized."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["items", "count"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "description": "A kept item, exactly as it was given.",
              "required": ["name", "total"],
              "properties": {
                "name": { "type": "string", "pattern": "\\S", "description": "The item's name; not blank." },
                "quantity": {
                  "type": "number",
                  "exclusiveMinimum": 0,
                  "default": 1,
                  "description": "How many, or how much (1.32 for a weight); 1 when absent."
                },
                "unit_price": { "type": "number", "minimum": 0, "description": "The price of one unit." },
                "total": {
                  "type": "number",
                  "description": "The line total; negative for a discount or refund line."
                },
                "category": {
                  "type": "string",
                  "minLength": 1,
                  "description": "The expense category, such as food; an item without one is uncategorized."
                }
              }
            }
          },
          "count": { "type": "integer", "minimum": 0, "description": "The number of items kept." }
        }
      }
    },
    {
      "name": "compute_item_statistics",
      "type": "function",
      "description": "Summarizes the totals of line items, exactly in cents: their count, sum, mean, median, minimum and maximum, and the count and sum per category. Categories are grouped without regard to case and named in lower case; items without one count under uncategorized. Mean and the median of an even count are rounded half away from zero to the cent. With no items, mean, median, min and max are null.",
      "inputSchema": {
        "type": "object",
        "required": ["items"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "description": "A line item; other members (such as a categorizer's confidence) are allowed. Money fields are numbers in the currency's units (21.64); amounts with more than two decimals are rounded half away from zero to cents.",
              "required": ["name", "total"],
              "properties": {
                "name": { "type": "string", "pattern": "\\S", "description": "The item's name; not blank." },
                "quantity": {
                  "type": "number",
                  "exclusiveMinimum": 0,
                  "default": 1,
                  "description": "How many, or how much (1.32 for a weight); 1 when absent."
                },
                "unit_price": { "type": "number", "minimum": 0, "description": "The price of one unit." },
                "total": {
                  "type": "number",
                  "description": "The line total; negative for a discount or refund line."
                },
                "category": {
                  "type": "string",
                  "minLength": 1,
                  "description": "The expense category, such as food; an item without one is uncategorized."
                }
              }
            }
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["count", "total", "mean", "median", "min", "max", "by_category"],
        "additionalProperties": false,
        "properties": {
          "count": { "type": "integer", "minimum": 0, "description": "The number of items." },
          "total": { "type": "number", "multipleOf": 0.01, "description": "The sum of the item totals." },
          "mean": {
            "type": ["number", "null"],
            "multipleOf": 0.01,
            "description": "total / count; null when there are no items."
          },
          "median": {
            "type": ["number", "null"],
            "multipleOf": 0.01,
            "description": "The middle item total, or the mean of the two middle ones; null when there are no items."
          },
          "min": {
            "type": ["number", "null"],
            "multipleOf": 0.01,
            "description": "The smallest item total; null when there are no items."
          },
          "max": {
            "type": ["number", "null"],
            "multipleOf": 0.01,
            "description": "The largest item total; null when there are no items."
          },
          "by_category": {
            "type": "object",
            "description": "Per lower-cased category, in the order categories first appear.",
            "additionalProperties": {
              "type": "object",
              "required": ["count", "total"],
              "additionalProperties": false,
              "properties": {
                "count": { "type": "integer", "minimum": 1 },
                "total": { "type": "number", "multipleOf": 0.01 }
              }
            }
          }
        }
      }
    },
    {
      "name": "sleep_ms",
      "type": "function",
      "description": "Waits the given number of milliseconds, then returns. Useful as a timer in a plan and for trying timeouts, retries and cancellation; cancelling the run ends the wait at once.",
      "inputSchema": {
        "type": "object",
        "required": ["ms"],
        "additionalProperties": false,
        "properties": {
          "ms": { "type": "integer", "minimum": 0, "maximum": 3600000, "description": "How long to wait, in milliseconds (at most an hour)." }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["slept_ms"],
        "additionalProperties": false,
        "properties": {
          "slept_ms": { "type": "integer", "minimum": 0 }
        }
      }
    }
  ]
}

"""#
}
