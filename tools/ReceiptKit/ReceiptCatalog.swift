import OrchJSON
import OrchPlan

/// The three receipt tools' definitions, compiled into the workers so that a server binary
/// needs no file beside it to describe itself.
///
/// `json` is catalogs/receipts.json byte for byte (ReceiptCatalogTests keeps them identical):
/// the servers offer exactly the schemas orch-mcp's catalog checks against.
public enum ReceiptCatalog {
    /// The definition of `name` (receipt_ocr, line_item_parser or expense_categorizer). Only
    /// that entry is read: the server compiles its schemas once, in ServerTool.
    public static func tool(_ name: String) throws(CatalogError) -> ToolDefinition {
        let entries: [JSONValue]
        do {
            entries = try JSONValue(parsing: json)["tools"]?.arrayValue ?? []
        } catch {
            throw CatalogError(.invalidCatalog, in: source, at: "", "The compiled-in receipt catalog is not JSON: \(error)")
        }
        guard let index = entries.firstIndex(where: { $0["name"]?.stringValue == name }) else {
            let names = entries.compactMap { $0["name"]?.stringValue }.joined(separator: ", ")
            throw CatalogError(.invalidCatalog, in: source, at: "/tools", "The receipt catalog has no tool '\(name)'; it has \(names).")
        }
        return try ToolCatalog.definition(entries[index], source: source, path: "/tools/\(index)")
    }

    /// What errors and definitions name as the catalog's source.
    public static let source = "ReceiptCatalog"

    /// The catalog: exactly the bytes of catalogs/receipts.json (the blank line before the
    /// closing delimiter is the file's final newline).
    public static let json = #"""
{
  "name": "receipts",
  "version": "1.0.0",
  "description": "The receipt workers: OCR, line-item parsing and expense categories. Each is an MCP stdio server started from catalogs/servers.json.",
  "tools": [
    {
      "name": "receipt_ocr",
      "type": "mcp",
      "server": "receipt-ocr",
      "description": "Reads the text of a receipt image with tesseract (the engine loaded once per server). image_uri is a file path, a file:// URI, a data: URI (base64 PNG, JPEG or TIFF) or an http(s):// URL (fetched with a size cap, a timeout and a content-type check).",
      "inputSchema": {
        "type": "object",
        "required": ["image_uri"],
        "additionalProperties": false,
        "properties": {
          "image_uri": {
            "type": "string",
            "minLength": 1,
            "description": "A path, file:// URI, data: URI or http(s):// URL of a PNG, JPEG or TIFF image."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["text", "lines", "mean_confidence", "width", "height"],
        "additionalProperties": false,
        "properties": {
          "text": { "type": "string", "description": "The recognized text, one receipt line per line." },
          "lines": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["text", "confidence"],
              "additionalProperties": false,
              "properties": {
                "text": { "type": "string" },
                "confidence": { "type": "number", "minimum": 0, "maximum": 100 }
              }
            }
          },
          "mean_confidence": { "type": "number", "minimum": 0, "maximum": 100 },
          "width": { "type": "integer", "minimum": 1 },
          "height": { "type": "integer", "minimum": 1 }
        }
      }
    },
    {
      "name": "line_item_parser",
      "type": "mcp",
      "server": "line-item-parser",
      "description": "Parses the OCR text of a receipt into merchant, date, currency, line items, discounts and the printed subtotal, tax and total, as exact decimals. Says in warnings when the items do not add up to the printed subtotal or total.",
      "inputSchema": {
        "type": "object",
        "required": ["text"],
        "additionalProperties": false,
        "properties": {
          "text": { "type": "string", "description": "The receipt's text, as OCR read it." },
          "currency_hint": {
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "The ISO 4217 currency to assume when the receipt shows no symbol or code."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["merchant", "date", "currency", "items", "discounts", "subtotal", "tax", "total", "warnings"],
        "additionalProperties": false,
        "properties": {
          "merchant": { "type": ["string", "null"] },
          "date": { "type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "ISO 8601 date, or null when none was found." },
          "currency": { "type": "string", "pattern": "^[A-Z]{3}$" },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["name", "quantity", "unit_price", "total"],
              "additionalProperties": false,
              "properties": {
                "name": { "type": "string", "minLength": 1 },
                "quantity": { "type": "number", "exclusiveMinimum": 0 },
                "unit_price": { "type": "number" },
                "total": { "type": "number", "multipleOf": 0.01 }
              }
            }
          },
          "discounts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["name", "amount"],
              "additionalProperties": false,
              "properties": {
                "name": { "type": "string" },
                "amount": { "type": "number", "multipleOf": 0.01, "description": "Negative: what the discount takes off." }
              }
            }
          },
          "subtotal": { "type": ["number", "null"], "multipleOf": 0.01 },
          "tax": { "type": ["number", "null"], "multipleOf": 0.01 },
          "total": { "type": ["number", "null"], "multipleOf": 0.01 },
          "warnings": { "type": "array", "items": { "type": "string" } }
        }
      }
    },
    {
      "name": "expense_categorizer",
      "type": "mcp",
      "server": "expense-categorizer",
      "description": "Gives each line item an expense category (food, beverage, household, personal_care, health, electronics, clothing, transport, fuel, other) and a confidence in [0, 1], from the lexicon in catalogs/lexicon.json (stems and receipt abbreviations such as 'ORG BANANAS' or '2% MLK'), and for names it does not know, from what the merchant's name says it sells.",
      "inputSchema": {
        "type": "object",
        "required": ["items"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "maxItems": 500,
            "items": {
              "type": "object",
              "required": ["name"],
              "properties": {
                "name": { "type": "string", "minLength": 1, "maxLength": 200 },
                "quantity": { "type": "number" },
                "unit_price": { "type": "number" },
                "total": { "type": "number" }
              }
            }
          },
          "merchant": {
            "type": ["string", "null"],
            "maxLength": 200,
            "description": "The shop's name as printed (the parser's merchant). A shop whose name says what it sells (pharmacy, pet, liquor, hardware) decides items whose names the lexicon does not know, at a confidence of at most 0.45."
          }
        }
      },
      "outputSchema": {
        "type": "object",
        "required": ["items"],
        "additionalProperties": false,
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["name", "category", "confidence"],
              "properties": {
                "name": { "type": "string" },
                "category": {
                  "enum": ["food", "beverage", "household", "personal_care", "health", "electronics",
                           "clothing", "transport", "fuel", "other"]
                },
                "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
              }
            }
          }
        }
      }
    }
  ]
}

"""#
}
