// Generated from libs/contracts by contract-schema-generator.ts; after changing a contract run `npm run openapi:schemas`.
import type { JsonSchema } from './contract-schema-generator';

export const CONTRACT_SCHEMAS: Record<string, JsonSchema> = {
  "AccessTokenAnswer": {
    "type": "object",
    "properties": {
      "accessToken": {
        "type": "string"
      }
    },
    "required": [
      "accessToken"
    ],
    "description": "PUT /me/password: the token to go on with (every other token of the account is refused from then on)."
  },
  "Adaptation": {
    "type": "object",
    "properties": {
      "description": {
        "type": "string"
      },
      "implementedOn": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "sessionsHeld": {
        "type": "number",
        "nullable": true
      },
      "participantsReached": {
        "type": "number",
        "nullable": true
      },
      "gathering": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Gathering"
          }
        ],
        "nullable": true
      }
    },
    "required": [
      "description",
      "implementedOn"
    ]
  },
  "AdaptationLogEntryView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "cycleId": {
        "type": "string"
      },
      "createdBy": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      },
      "madeOn": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "whatChanged": {
        "type": "string"
      },
      "decidedBy": {
        "type": "string"
      },
      "planning": {
        "type": "string",
        "enum": [
          "planned",
          "reactive"
        ]
      },
      "reason": {
        "type": "string"
      },
      "fidelityConsistent": {
        "type": "string",
        "enum": [
          "yes",
          "no",
          "unsure"
        ]
      },
      "permanence": {
        "type": "string",
        "enum": [
          "temporary",
          "permanent"
        ]
      }
    },
    "required": [
      "id",
      "cycleId",
      "createdBy",
      "createdAt",
      "madeOn",
      "whatChanged",
      "decidedBy",
      "planning",
      "reason",
      "fidelityConsistent",
      "permanence"
    ]
  },
  "AdaptationPlanning": {
    "type": "string",
    "enum": [
      "planned",
      "reactive"
    ]
  },
  "ApiError": {
    "type": "object",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "error": {
        "type": "string",
        "description": "The status in words: \"Conflict\", \"Not Found\"."
      },
      "message": {
        "type": "string",
        "description": "What went wrong, in plain words."
      },
      "details": {
        "type": "array",
        "items": {},
        "description": "For a 400 each bad field (`{field, problems}`); for a refused move each rule, with the fields it is about."
      }
    },
    "required": [
      "statusCode",
      "error",
      "message",
      "details"
    ],
    "description": "Every error the API answers, whatever its status."
  },
  "AuditEntryView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "actorId": {
        "type": "string",
        "nullable": true
      },
      "action": {
        "type": "string"
      },
      "entityType": {
        "type": "string"
      },
      "entityId": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string",
        "nullable": true
      },
      "before": {
        "type": "object",
        "properties": {},
        "additionalProperties": {},
        "nullable": true
      },
      "after": {
        "type": "object",
        "properties": {},
        "additionalProperties": {},
        "nullable": true
      },
      "at": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "actorId",
      "action",
      "entityType",
      "entityId",
      "initiativeId",
      "before",
      "after",
      "at"
    ],
    "description": "One row of the audit trail: who changed what, when, before and after."
  },
  "BadRow": {
    "type": "object",
    "properties": {
      "line": {
        "type": "number"
      },
      "reasons": {
        "type": "array",
        "items": {
          "type": "string"
        }
      }
    },
    "required": [
      "line",
      "reasons"
    ],
    "description": "A row that would stop the import, with its line in the file."
  },
  "CalendarFeedAddress": {
    "type": "object",
    "properties": {
      "url": {
        "type": "string"
      }
    },
    "required": [
      "url"
    ],
    "description": "The secret address of a person's calendar feed."
  },
  "CarriedOver": {
    "type": "object",
    "properties": {
      "fromCycleId": {
        "type": "string"
      },
      "fromCycleNumber": {
        "type": "number"
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ]
      },
      "nextSteps": {
        "type": "string"
      },
      "insights": {
        "type": "string"
      }
    },
    "required": [
      "fromCycleId",
      "fromCycleNumber",
      "decision",
      "nextSteps",
      "insights"
    ],
    "description": "What a new cycle starts from: the previous cycle's decision and next steps."
  },
  "ChangesSinceRequest": {
    "type": "object",
    "properties": {
      "requestedAt": {
        "type": "string"
      },
      "note": {
        "type": "string",
        "description": "The coach's note with the request."
      },
      "sections": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/SectionChange"
        }
      },
      "evidenceAdded": {
        "type": "number"
      },
      "evidenceRemoved": {
        "type": "number"
      }
    },
    "required": [
      "requestedAt",
      "note",
      "sections",
      "evidenceAdded",
      "evidenceRemoved"
    ],
    "description": "What the librarians did since the latest request for changes: what a coach reviewing round 2 (3, …) looks at first."
  },
  "ChartDayPoint": {
    "type": "object",
    "properties": {
      "day": {
        "type": "string"
      },
      "value": {
        "type": "number"
      },
      "n": {
        "type": "number"
      }
    },
    "required": [
      "day",
      "value",
      "n"
    ],
    "description": "One day's mean of an indicator, with how many measurements it stands on."
  },
  "ChartMarker": {
    "type": "object",
    "properties": {
      "label": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "madeOn": {
        "type": "string"
      },
      "whatChanged": {
        "type": "string"
      }
    },
    "required": [
      "label",
      "cycleNumber",
      "madeOn",
      "whatChanged"
    ],
    "description": "Where an adaptation's marker sits on every run chart: its label, date and cycle."
  },
  "ChartSignalContent": {
    "type": "object",
    "properties": {
      "kind": {
        "type": "string",
        "enum": [
          "shift",
          "trend",
          "too_few_runs",
          "too_many_runs"
        ]
      },
      "from": {
        "type": "string"
      },
      "to": {
        "type": "string"
      },
      "points": {
        "type": "number"
      },
      "direction": {
        "type": "string",
        "enum": [
          "above",
          "below",
          "up",
          "down"
        ],
        "nullable": true
      },
      "after": {
        "type": "string",
        "nullable": true,
        "description": "The adaptation the signal follows (\"A2\"), if any."
      },
      "words": {
        "type": "string",
        "description": "e.g. \"shift: 7 points above the median since 12 March, after adaptation A2\""
      }
    },
    "required": [
      "kind",
      "from",
      "to",
      "points",
      "direction",
      "after",
      "words"
    ],
    "description": "A run-chart signal (shift, trend, too few or too many runs), with the days it covers and its words."
  },
  "CheckInPage": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/CheckInView"
        }
      },
      "total": {
        "type": "number"
      },
      "nextDueOn": {
        "type": "string"
      }
    },
    "required": [
      "items",
      "total",
      "nextDueOn"
    ]
  },
  "CheckInView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "authorId": {
        "type": "string"
      },
      "note": {
        "type": "string"
      },
      "blockers": {
        "type": "string",
        "nullable": true
      },
      "helpWanted": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "initiativeId",
      "authorId",
      "note",
      "blockers",
      "helpWanted",
      "createdAt"
    ]
  },
  "CheckInWithNextDue": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "authorId": {
        "type": "string"
      },
      "note": {
        "type": "string"
      },
      "blockers": {
        "type": "string",
        "nullable": true
      },
      "helpWanted": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      },
      "nextDueOn": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "initiativeId",
      "authorId",
      "note",
      "blockers",
      "helpWanted",
      "createdAt",
      "nextDueOn"
    ],
    "description": "A check-in just written, with the day the next one is due."
  },
  "ClosedCycleNews": {
    "type": "object",
    "properties": {
      "cycleId": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "cycleTitle": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "closedAt": {
        "type": "string"
      },
      "outcome": {
        "type": "string",
        "enum": [
          "supported",
          "partly_supported",
          "not_supported",
          "inconclusive"
        ],
        "nullable": true
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ],
        "nullable": true
      },
      "keyInsight": {
        "type": "string",
        "nullable": true
      },
      "nextSteps": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "cycleId",
      "cycleNumber",
      "cycleTitle",
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "closedAt",
      "outcome",
      "decision",
      "keyInsight",
      "nextSteps"
    ]
  },
  "ColumnMapping": {
    "type": "object",
    "properties": {
      "column": {
        "type": "number"
      },
      "itemId": {
        "type": "string"
      }
    },
    "required": [
      "column",
      "itemId"
    ],
    "description": "Which column answers which survey item."
  },
  "ColumnPreview": {
    "type": "object",
    "properties": {
      "index": {
        "type": "number",
        "description": "0-based position in the header row; the mapping names columns by it."
      },
      "header": {
        "type": "string"
      },
      "itemId": {
        "type": "string",
        "nullable": true
      },
      "match": {
        "type": "string",
        "enum": [
          "exact",
          "bracketed",
          "contains"
        ],
        "nullable": true
      },
      "privacy": {
        "allOf": [
          {
            "$ref": "#/components/schemas/PrivacyFlag"
          }
        ],
        "nullable": true,
        "description": "Set when the column looks like names, email addresses or phone numbers: it can never be imported."
      },
      "answered": {
        "type": "number",
        "description": "Rows with an answer in this column."
      }
    },
    "required": [
      "index",
      "header",
      "itemId",
      "match",
      "privacy",
      "answered"
    ]
  },
  "CommunityType": {
    "type": "string",
    "enum": [
      "urban",
      "suburban",
      "rural",
      "tribal"
    ]
  },
  "CycleAwaitingReview": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "number": {
        "type": "number"
      },
      "title": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "plannedEnd": {
        "type": "string"
      },
      "inReviewSince": {
        "type": "string",
        "description": "When the cycle last changed phase, i.e. entered review."
      },
      "round": {
        "type": "number",
        "description": "2, 3, … when it comes back after a request for changes."
      },
      "nudges": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/Nudge"
        }
      }
    },
    "required": [
      "id",
      "number",
      "title",
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "plannedEnd",
      "inReviewSince",
      "round",
      "nudges"
    ]
  },
  "CycleListItem": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "number": {
        "type": "number"
      },
      "title": {
        "type": "string"
      },
      "plannedStart": {
        "type": "string"
      },
      "plannedEnd": {
        "type": "string"
      },
      "phase": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ]
      },
      "closedAt": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      },
      "updatedAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "initiativeId",
      "number",
      "title",
      "plannedStart",
      "plannedEnd",
      "phase",
      "closedAt",
      "createdAt",
      "updatedAt"
    ]
  },
  "CycleSpan": {
    "type": "object",
    "properties": {
      "number": {
        "type": "number"
      },
      "plannedStart": {
        "type": "string"
      },
      "plannedEnd": {
        "type": "string"
      }
    },
    "required": [
      "number",
      "plannedStart",
      "plannedEnd"
    ]
  },
  "CycleStatistics": {
    "type": "object",
    "properties": {
      "n": {
        "type": "number"
      },
      "mean": {
        "type": "number",
        "nullable": true
      },
      "min": {
        "type": "number",
        "nullable": true
      },
      "max": {
        "type": "number",
        "nullable": true
      }
    },
    "required": [
      "n",
      "mean",
      "min",
      "max"
    ]
  },
  "CycleView": {
    "type": "object",
    "properties": {
      "hypothesis": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Hypothesis"
          }
        ],
        "nullable": true
      },
      "adaptation": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Adaptation"
          }
        ],
        "nullable": true
      },
      "evidence": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/EvidenceView"
        }
      },
      "reflection": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Reflection"
          }
        ],
        "nullable": true
      },
      "reviews": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ReviewView"
        }
      },
      "carriedOver": {
        "allOf": [
          {
            "$ref": "#/components/schemas/CarriedOver"
          }
        ],
        "nullable": true
      },
      "allowedMoves": {
        "type": "array",
        "items": {
          "type": "string",
          "enum": [
            "hypothesis",
            "adaptation",
            "evidence",
            "reflection",
            "review",
            "closed"
          ]
        },
        "description": "The phases the caller could move this cycle to now."
      },
      "nudges": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/Nudge"
        },
        "description": "What would make this cycle weak; advice only, never a reason to refuse a move."
      },
      "round": {
        "type": "number",
        "description": "1, or 2, 3, … once a coach has asked for changes that many times."
      },
      "changesSinceRequest": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ChangesSinceRequest"
          }
        ],
        "nullable": true,
        "description": "For coaches and admins: what changed since the latest request for changes (null when there was none)."
      },
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "number": {
        "type": "number"
      },
      "title": {
        "type": "string"
      },
      "plannedStart": {
        "type": "string"
      },
      "plannedEnd": {
        "type": "string"
      },
      "phase": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ]
      },
      "closedAt": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      },
      "updatedAt": {
        "type": "string"
      }
    },
    "required": [
      "hypothesis",
      "adaptation",
      "evidence",
      "reflection",
      "reviews",
      "carriedOver",
      "allowedMoves",
      "nudges",
      "round",
      "changesSinceRequest",
      "id",
      "initiativeId",
      "number",
      "title",
      "plannedStart",
      "plannedEnd",
      "phase",
      "closedAt",
      "createdAt",
      "updatedAt"
    ]
  },
  "DateOrder": {
    "type": "string",
    "enum": [
      "month_first",
      "day_first"
    ],
    "description": "How numeric dates such as 02/03/2026 are read: month_first (US, 2 March is 3/2) or day_first (UK and EU)."
  },
  "Decision": {
    "type": "string",
    "enum": [
      "adapt",
      "continue",
      "scale",
      "stop"
    ]
  },
  "DependencyStatus": {
    "type": "string",
    "enum": [
      "down",
      "ok"
    ]
  },
  "DigestContent": {
    "type": "object",
    "properties": {
      "periodStart": {
        "type": "string"
      },
      "periodEnd": {
        "type": "string"
      },
      "timezone": {
        "type": "string"
      },
      "closedCycles": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ClosedCycleNews"
        }
      },
      "evidence": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/DigestEvidenceTally"
        }
      },
      "checkInsHeld": {
        "type": "number",
        "description": "Check-ins held during the period (absent from digests compiled before it was counted)."
      },
      "overdueCheckIns": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/DigestOverdueCheckIn"
        },
        "description": "Named only in the copies sent to coaches and answered to admins and coaches, never to the whole coalition."
      },
      "indicatorTrends": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/IndicatorTrend"
        }
      },
      "learned": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/EvidenceBaseItem"
        },
        "description": "What the pilots learned: the evidence base's telling of the cycles closed in the period (absent from digests compiled before it existed)."
      }
    },
    "required": [
      "periodStart",
      "periodEnd",
      "timezone",
      "closedCycles",
      "evidence",
      "overdueCheckIns",
      "indicatorTrends"
    ],
    "description": "What a digest says, as stored and answered by GET /digests/:id."
  },
  "DigestEvidenceTally": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "entries": {
        "type": "number"
      },
      "measurements": {
        "type": "number"
      },
      "observations": {
        "type": "number"
      },
      "quotes": {
        "type": "number"
      },
      "stories": {
        "type": "number"
      }
    },
    "required": [
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "entries",
      "measurements",
      "observations",
      "quotes",
      "stories"
    ],
    "description": "Evidence entries logged for one initiative during the period."
  },
  "DigestFrequency": {
    "type": "string",
    "enum": [
      "weekly",
      "monthly",
      "none"
    ]
  },
  "DigestListItem": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "series": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly"
        ]
      },
      "periodStart": {
        "type": "string"
      },
      "periodEnd": {
        "type": "string"
      },
      "compiledAt": {
        "type": "string"
      },
      "recipients": {
        "type": "number"
      }
    },
    "required": [
      "id",
      "series",
      "periodStart",
      "periodEnd",
      "compiledAt",
      "recipients"
    ]
  },
  "DigestOverdueCheckIn": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "dueOn": {
        "type": "string"
      },
      "daysOverdue": {
        "type": "number",
        "description": "Days from the due date to the day after the period."
      }
    },
    "required": [
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "dueOn",
      "daysOverdue"
    ]
  },
  "DigestPreferenceView": {
    "type": "object",
    "properties": {
      "frequency": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly",
          "none"
        ]
      },
      "receivesDigest": {
        "type": "boolean",
        "description": "Only subscribers, coaches and librarians with an active account are sent the digest."
      },
      "monthlyRule": {
        "type": "string",
        "description": "What \"monthly\" means, in the API's words."
      }
    },
    "required": [
      "frequency",
      "receivesDigest",
      "monthlyRule"
    ]
  },
  "DigestPreview": {
    "type": "object",
    "properties": {
      "series": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly"
        ]
      },
      "periodStart": {
        "type": "string"
      },
      "periodEnd": {
        "type": "string"
      },
      "subject": {
        "type": "string",
        "description": "The copy every subscriber and librarian gets; its per-person links are placeholders that lead nowhere."
      },
      "html": {
        "type": "string"
      },
      "text": {
        "type": "string"
      },
      "recipients": {
        "type": "number",
        "description": "How many people running it now would email: 0 when it has nothing to report or was already sent."
      },
      "cyclesClosed": {
        "type": "number"
      },
      "sendsNothing": {
        "type": "string",
        "nullable": true,
        "description": "Why running it would send nothing, in plain words; null when it would send."
      }
    },
    "required": [
      "series",
      "periodStart",
      "periodEnd",
      "subject",
      "html",
      "text",
      "recipients",
      "cyclesClosed",
      "sendsNothing"
    ],
    "description": "What a digest run would send, as POST /digests/preview answers it: nothing is stored or sent."
  },
  "DigestRunAnswer": {
    "type": "object",
    "properties": {
      "series": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly"
        ]
      },
      "periodStart": {
        "type": "string"
      },
      "periodEnd": {
        "type": "string"
      },
      "status": {
        "type": "string",
        "enum": [
          "queued",
          "compiled",
          "exists",
          "skipped"
        ],
        "description": "queued: a worker compiles it; compiled: done in the request (the queue was unreachable); exists: it was\nalready sent; skipped: nothing to report, so nothing is sent (and running it again changes nothing)."
      },
      "digestId": {
        "type": "string"
      },
      "message": {
        "type": "string",
        "description": "What happened, in plain words."
      }
    },
    "required": [
      "series",
      "periodStart",
      "periodEnd",
      "status",
      "message"
    ]
  },
  "DigestSeries": {
    "type": "string",
    "enum": [
      "weekly",
      "monthly"
    ]
  },
  "DigestSharing": {
    "type": "string",
    "enum": [
      "everything",
      "closed_cycles",
      "nothing"
    ]
  },
  "DigestSignupConfirmed": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string"
      },
      "subscribed": {
        "type": "boolean",
        "enum": [
          true
        ]
      }
    },
    "required": [
      "email",
      "subscribed"
    ],
    "description": "POST /subscriptions/confirm"
  },
  "DigestView": {
    "type": "object",
    "properties": {
      "content": {
        "$ref": "#/components/schemas/DigestContent"
      },
      "id": {
        "type": "string"
      },
      "series": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly"
        ]
      },
      "periodStart": {
        "type": "string"
      },
      "periodEnd": {
        "type": "string"
      },
      "compiledAt": {
        "type": "string"
      },
      "recipients": {
        "type": "number"
      }
    },
    "required": [
      "content",
      "id",
      "series",
      "periodStart",
      "periodEnd",
      "compiledAt",
      "recipients"
    ]
  },
  "Direction": {
    "type": "string",
    "enum": [
      "increase",
      "decrease"
    ]
  },
  "EvidenceBaseItem": {
    "type": "object",
    "properties": {
      "cycleId": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "cycleTitle": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "hypothesis": {
        "type": "string",
        "nullable": true
      },
      "expectedOutcome": {
        "type": "string",
        "nullable": true
      },
      "change": {
        "type": "string",
        "nullable": true
      },
      "outcome": {
        "type": "string",
        "enum": [
          "supported",
          "partly_supported",
          "not_supported",
          "inconclusive"
        ],
        "nullable": true
      },
      "keyInsight": {
        "type": "string",
        "nullable": true
      },
      "measurements": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/EvidenceMeasurement"
        }
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ],
        "nullable": true
      },
      "tags": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/StrategyTagView"
        }
      },
      "closedAt": {
        "type": "string"
      },
      "summaryPath": {
        "type": "string",
        "description": "The web app's summary page for this cycle."
      }
    },
    "required": [
      "cycleId",
      "cycleNumber",
      "cycleTitle",
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "hypothesis",
      "expectedOutcome",
      "change",
      "outcome",
      "keyInsight",
      "measurements",
      "decision",
      "tags",
      "closedAt",
      "summaryPath"
    ],
    "description": "A closed cycle as the evidence base shows it: hypothesis → what changed → what the evidence said → the decision."
  },
  "EvidenceBasePage": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/EvidenceBaseItem"
        }
      },
      "total": {
        "type": "number"
      }
    },
    "required": [
      "items",
      "total"
    ]
  },
  "EvidenceKind": {
    "type": "string",
    "enum": [
      "measurement",
      "observation",
      "quote",
      "story"
    ]
  },
  "EvidenceMeasurement": {
    "type": "object",
    "properties": {
      "indicatorName": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "mean": {
        "type": "number"
      },
      "n": {
        "type": "number"
      }
    },
    "required": [
      "indicatorName",
      "unit",
      "mean",
      "n"
    ],
    "description": "An indicator's measurements in one cycle: their mean and how many there were."
  },
  "EvidenceMethod": {
    "type": "string",
    "enum": [
      "observation",
      "survey",
      "interview",
      "sign_in",
      "other"
    ]
  },
  "EvidenceView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "cycleId": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "measurement",
          "observation",
          "quote",
          "story"
        ]
      },
      "indicatorId": {
        "type": "string",
        "nullable": true
      },
      "value": {
        "type": "number",
        "nullable": true
      },
      "text": {
        "type": "string",
        "nullable": true
      },
      "observedOn": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "method": {
        "type": "string",
        "enum": [
          "observation",
          "survey",
          "interview",
          "sign_in",
          "other"
        ]
      },
      "source": {
        "type": "string",
        "nullable": true
      },
      "sampleSize": {
        "type": "number",
        "nullable": true
      },
      "createdBy": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "cycleId",
      "kind",
      "indicatorId",
      "value",
      "text",
      "observedOn",
      "method",
      "source",
      "sampleSize",
      "createdBy",
      "createdAt"
    ]
  },
  "ExportDocument": {
    "type": "object",
    "properties": {
      "format": {
        "type": "string"
      },
      "version": {
        "type": "number"
      },
      "exportedAt": {
        "type": "string"
      },
      "scope": {
        "anyOf": [
          {
            "type": "object",
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "initiative"
                ]
              },
              "initiativeId": {
                "type": "string"
              }
            },
            "required": [
              "kind",
              "initiativeId"
            ]
          },
          {
            "type": "object",
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "coalition"
                ]
              }
            },
            "required": [
              "kind"
            ]
          }
        ]
      },
      "counts": {
        "type": "object",
        "properties": {},
        "additionalProperties": {
          "type": "number"
        },
        "description": "Rows per section."
      }
    },
    "required": [
      "format",
      "version",
      "exportedAt",
      "scope",
      "counts"
    ],
    "additionalProperties": {},
    "description": "export.json: the documented export format (docs/export-format.md); each section is a list of rows."
  },
  "FidelityAnswer": {
    "type": "string",
    "enum": [
      "yes",
      "no",
      "unsure"
    ]
  },
  "FormsSource": {
    "type": "string",
    "enum": [
      "google_forms",
      "microsoft_forms",
      "csv"
    ]
  },
  "Gathering": {
    "type": "object",
    "properties": {
      "whyGather": {
        "type": "string"
      },
      "desiredOutcome": {
        "type": "string"
      },
      "invitation": {
        "type": "string"
      },
      "opening": {
        "type": "string"
      },
      "closing": {
        "type": "string"
      },
      "timeToReflect": {
        "type": "string"
      }
    },
    "description": "The gathering checklist (why gather, desired outcome, invitation, opening, closing, time to reflect)."
  },
  "HealthView": {
    "type": "object",
    "properties": {
      "status": {
        "type": "string",
        "enum": [
          "ok",
          "degraded"
        ]
      },
      "db": {
        "$ref": "#/components/schemas/DependencyStatus"
      },
      "redis": {
        "$ref": "#/components/schemas/DependencyStatus"
      },
      "queues": {
        "anyOf": [
          {
            "type": "object",
            "properties": {},
            "additionalProperties": {
              "type": "object",
              "properties": {},
              "additionalProperties": {
                "type": "number"
              }
            }
          },
          {
            "type": "string",
            "enum": [
              "unknown"
            ]
          }
        ],
        "description": "Jobs per queue and state, or \"unknown\" when Redis does not answer."
      }
    },
    "required": [
      "status",
      "db",
      "redis",
      "queues"
    ],
    "description": "GET /health: 200 with `status: ok`, or 503 with `status: degraded`."
  },
  "Hypothesis": {
    "type": "object",
    "properties": {
      "statement": {
        "type": "string"
      },
      "expectedOutcome": {
        "type": "string"
      },
      "rationale": {
        "type": "string"
      },
      "learningQuestion": {
        "type": "string",
        "nullable": true
      },
      "indicatorIds": {
        "type": "array",
        "items": {
          "type": "string"
        }
      },
      "predictions": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/Prediction"
        },
        "description": "Absent on hypotheses saved before predictions existed."
      }
    },
    "required": [
      "statement",
      "expectedOutcome",
      "rationale",
      "learningQuestion",
      "indicatorIds"
    ]
  },
  "ImportPossibility": {
    "type": "object",
    "properties": {
      "allowed": {
        "type": "boolean"
      },
      "reason": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "allowed",
      "reason"
    ],
    "description": "Whether an import of one kind can land now, and if not, why in plain words."
  },
  "IndicatorChartContent": {
    "type": "object",
    "properties": {
      "points": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ChartDayPoint"
        }
      },
      "median": {
        "type": "number",
        "nullable": true
      },
      "basis": {
        "type": "string",
        "enum": [
          "baseline",
          "all"
        ],
        "description": "baseline: the median of the points before the first adaptation (at least 6); all: of every point."
      },
      "markers": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "label": {
              "type": "string"
            },
            "madeOn": {
              "type": "string"
            }
          },
          "required": [
            "label",
            "madeOn"
          ]
        }
      },
      "signals": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ChartSignalContent"
        }
      }
    },
    "required": [
      "points",
      "median",
      "basis",
      "markers",
      "signals"
    ],
    "description": "What the web, the summary HTML and the email draw an indicator's run chart from."
  },
  "IndicatorKind": {
    "type": "string",
    "enum": [
      "count",
      "scale_1_5",
      "percent",
      "text"
    ]
  },
  "IndicatorSummary": {
    "type": "object",
    "properties": {
      "changeFromBaseline": {
        "type": "number",
        "nullable": true,
        "description": "This cycle's mean minus the baseline, the target and the previous cycle's mean."
      },
      "differenceFromTarget": {
        "type": "number",
        "nullable": true
      },
      "targetMet": {
        "type": "boolean",
        "nullable": true,
        "description": "Whether this cycle's mean reached the target in the indicator's direction."
      },
      "previous": {
        "type": "object",
        "properties": {
          "n": {
            "type": "number"
          },
          "mean": {
            "type": "number",
            "nullable": true
          },
          "min": {
            "type": "number",
            "nullable": true
          },
          "max": {
            "type": "number",
            "nullable": true
          },
          "cycleNumber": {
            "type": "number"
          }
        },
        "required": [
          "n",
          "mean",
          "min",
          "max",
          "cycleNumber"
        ],
        "nullable": true,
        "description": "The latest earlier cycle with measurements of this indicator."
      },
      "changeFromPrevious": {
        "type": "number",
        "nullable": true
      },
      "series": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "n": {
              "type": "number"
            },
            "mean": {
              "type": "number",
              "nullable": true
            },
            "min": {
              "type": "number",
              "nullable": true
            },
            "max": {
              "type": "number",
              "nullable": true
            },
            "cycleNumber": {
              "type": "number"
            }
          },
          "required": [
            "n",
            "mean",
            "min",
            "max",
            "cycleNumber"
          ]
        },
        "description": "The indicator across the initiative's cycles up to this one: the run chart's points."
      },
      "distribution": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ScaleDistribution"
          }
        ],
        "nullable": true,
        "description": "For a 1–5 scale: this cycle's answers per scale point, so a small group is seen whole, not only as a mean."
      },
      "chart": {
        "allOf": [
          {
            "$ref": "#/components/schemas/IndicatorChartContent"
          }
        ],
        "nullable": true,
        "description": "The run chart of every measured day up to this cycle (the open one's so far), its median and signals; null for a text indicator."
      },
      "n": {
        "type": "number"
      },
      "mean": {
        "type": "number",
        "nullable": true
      },
      "min": {
        "type": "number",
        "nullable": true
      },
      "max": {
        "type": "number",
        "nullable": true
      },
      "baseline": {
        "type": "number",
        "nullable": true
      },
      "id": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "count",
          "scale_1_5",
          "percent",
          "text"
        ]
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ]
      },
      "target": {
        "type": "number",
        "nullable": true
      }
    },
    "required": [
      "changeFromBaseline",
      "differenceFromTarget",
      "targetMet",
      "previous",
      "changeFromPrevious",
      "series",
      "distribution",
      "chart",
      "n",
      "mean",
      "min",
      "max",
      "baseline",
      "id",
      "name",
      "unit",
      "kind",
      "direction",
      "target"
    ]
  },
  "IndicatorTemplate": {
    "type": "object",
    "properties": {
      "key": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "count",
          "scale_1_5",
          "percent",
          "text"
        ]
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ]
      },
      "description": {
        "type": "string"
      }
    },
    "required": [
      "key",
      "name",
      "unit",
      "kind",
      "direction",
      "description"
    ],
    "description": "A trust-building indicator that ships with the product; a pilot adopts it by its `key`."
  },
  "IndicatorTemplatePage": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/IndicatorTemplate"
        }
      },
      "total": {
        "type": "number"
      }
    },
    "required": [
      "items",
      "total"
    ]
  },
  "IndicatorTrend": {
    "type": "object",
    "properties": {
      "indicatorId": {
        "type": "string"
      },
      "indicatorName": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ]
      },
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "mean": {
        "type": "number"
      },
      "measurements": {
        "type": "number"
      },
      "previousMean": {
        "type": "number",
        "nullable": true
      },
      "change": {
        "type": "number",
        "nullable": true
      },
      "trend": {
        "type": "string",
        "enum": [
          "better",
          "worse",
          "unchanged",
          "new"
        ],
        "description": "better: moved the way the indicator should; new: no earlier cycle to compare with."
      }
    },
    "required": [
      "indicatorId",
      "indicatorName",
      "unit",
      "direction",
      "initiativeId",
      "initiativeTitle",
      "cycleNumber",
      "mean",
      "measurements",
      "previousMean",
      "change",
      "trend"
    ],
    "description": "One indicator's mean in a cycle closed in the period, against its mean in the cycle before."
  },
  "IndicatorView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "count",
          "scale_1_5",
          "percent",
          "text"
        ]
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ]
      },
      "baseline": {
        "type": "number",
        "nullable": true
      },
      "target": {
        "type": "number",
        "nullable": true
      },
      "templateKey": {
        "type": "string",
        "nullable": true
      },
      "description": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "initiativeId",
      "name",
      "unit",
      "kind",
      "direction",
      "baseline",
      "target",
      "templateKey",
      "description",
      "createdAt"
    ]
  },
  "InitiativeStatus": {
    "type": "string",
    "enum": [
      "active",
      "paused",
      "completed"
    ]
  },
  "InitiativeView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "libraryId": {
        "type": "string"
      },
      "title": {
        "type": "string"
      },
      "summary": {
        "type": "string"
      },
      "audience": {
        "type": "string"
      },
      "learningQuestion": {
        "type": "string"
      },
      "checkInCadenceDays": {
        "type": "number"
      },
      "startDate": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "status": {
        "type": "string",
        "enum": [
          "active",
          "paused",
          "completed"
        ]
      },
      "digestSharing": {
        "type": "string",
        "enum": [
          "everything",
          "closed_cycles",
          "nothing"
        ]
      },
      "createdAt": {
        "type": "string"
      },
      "updatedAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "libraryId",
      "title",
      "summary",
      "audience",
      "learningQuestion",
      "checkInCadenceDays",
      "startDate",
      "status",
      "digestSharing",
      "createdAt",
      "updatedAt"
    ]
  },
  "InitiativeWithMembers": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "libraryId": {
        "type": "string"
      },
      "title": {
        "type": "string"
      },
      "summary": {
        "type": "string"
      },
      "audience": {
        "type": "string"
      },
      "learningQuestion": {
        "type": "string"
      },
      "checkInCadenceDays": {
        "type": "number"
      },
      "startDate": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "status": {
        "type": "string",
        "enum": [
          "active",
          "paused",
          "completed"
        ]
      },
      "digestSharing": {
        "type": "string",
        "enum": [
          "everything",
          "closed_cycles",
          "nothing"
        ]
      },
      "createdAt": {
        "type": "string"
      },
      "updatedAt": {
        "type": "string"
      },
      "members": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/MemberView"
        }
      }
    },
    "required": [
      "id",
      "libraryId",
      "title",
      "summary",
      "audience",
      "learningQuestion",
      "checkInCadenceDays",
      "startDate",
      "status",
      "digestSharing",
      "createdAt",
      "updatedAt",
      "members"
    ],
    "description": "GET /initiatives/:id"
  },
  "InvitationLinkCheck": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "admin",
          "coach",
          "librarian",
          "subscriber"
        ]
      },
      "expiresAt": {
        "type": "string",
        "description": "Past this instant the link is refused."
      },
      "initiativeTitle": {
        "type": "string",
        "description": "The initiative the person joins on accepting, when the invitation names one."
      },
      "memberRole": {
        "type": "string",
        "enum": [
          "coach",
          "librarian"
        ],
        "description": "Their role in that initiative."
      }
    },
    "required": [
      "email",
      "name",
      "role",
      "expiresAt"
    ],
    "description": "POST /invitations/check: who the invitation link is for, so its page can greet them before they choose a password (the link is not spent)."
  },
  "InvitationStatus": {
    "type": "string",
    "enum": [
      "pending",
      "accepted",
      "replaced",
      "revoked"
    ]
  },
  "InvitationView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "email": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "admin",
          "coach",
          "librarian",
          "subscriber"
        ]
      },
      "initiativeId": {
        "type": "string",
        "nullable": true
      },
      "memberRole": {
        "type": "string",
        "enum": [
          "coach",
          "librarian"
        ],
        "nullable": true
      },
      "status": {
        "type": "string",
        "enum": [
          "pending",
          "accepted",
          "replaced",
          "revoked"
        ]
      },
      "expiresAt": {
        "type": "string",
        "description": "Past this instant the link is refused, even while the invitation is pending."
      },
      "expired": {
        "type": "boolean"
      },
      "invitedBy": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "email",
      "name",
      "role",
      "initiativeId",
      "memberRole",
      "status",
      "expiresAt",
      "expired",
      "invitedBy",
      "createdAt"
    ],
    "description": "An invitation as GET /invitations lists it; its link's token is never shown again."
  },
  "LibraryView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "city": {
        "type": "string"
      },
      "state": {
        "type": "string"
      },
      "communityType": {
        "type": "string",
        "enum": [
          "urban",
          "suburban",
          "rural",
          "tribal"
        ]
      },
      "timezone": {
        "type": "string"
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "name",
      "city",
      "state",
      "communityType",
      "timezone",
      "createdAt"
    ]
  },
  "LinkedDigestPreference": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string",
        "description": "Partly hidden: a digest email may be forwarded."
      },
      "frequency": {
        "type": "string",
        "enum": [
          "weekly",
          "monthly",
          "none"
        ]
      },
      "receivesDigest": {
        "type": "boolean",
        "description": "Only subscribers, coaches and librarians with an active account are sent the digest."
      },
      "monthlyRule": {
        "type": "string",
        "description": "What \"monthly\" means, in the API's words."
      }
    },
    "required": [
      "email",
      "frequency",
      "receivesDigest",
      "monthlyRule"
    ],
    "description": "The preference as a digest email's link shows it."
  },
  "LoggedAdaptation": {
    "type": "object",
    "properties": {
      "madeOn": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "whatChanged": {
        "type": "string"
      },
      "decidedBy": {
        "type": "string"
      },
      "planning": {
        "type": "string",
        "enum": [
          "planned",
          "reactive"
        ]
      },
      "reason": {
        "type": "string"
      },
      "fidelityConsistent": {
        "type": "string",
        "enum": [
          "yes",
          "no",
          "unsure"
        ]
      },
      "permanence": {
        "type": "string",
        "enum": [
          "temporary",
          "permanent"
        ]
      }
    },
    "required": [
      "madeOn",
      "whatChanged",
      "decidedBy",
      "planning",
      "reason",
      "fidelityConsistent",
      "permanence"
    ],
    "description": "One dated change to the programme, in the terms of the FRAME framework."
  },
  "LoggedAdaptationSummary": {
    "type": "object",
    "properties": {
      "cycleNumber": {
        "type": "number"
      },
      "label": {
        "type": "string"
      },
      "madeOn": {
        "type": "string",
        "description": "YYYY-MM-DD"
      },
      "whatChanged": {
        "type": "string"
      },
      "decidedBy": {
        "type": "string"
      },
      "planning": {
        "type": "string",
        "enum": [
          "planned",
          "reactive"
        ]
      },
      "reason": {
        "type": "string"
      },
      "fidelityConsistent": {
        "type": "string",
        "enum": [
          "yes",
          "no",
          "unsure"
        ]
      },
      "permanence": {
        "type": "string",
        "enum": [
          "temporary",
          "permanent"
        ]
      }
    },
    "required": [
      "cycleNumber",
      "label",
      "madeOn",
      "whatChanged",
      "decidedBy",
      "planning",
      "reason",
      "fidelityConsistent",
      "permanence"
    ],
    "description": "An adaptation of this cycle, labelled as its marker on the run charts (\"A2\")."
  },
  "LoginResult": {
    "type": "object",
    "properties": {
      "accessToken": {
        "type": "string"
      },
      "expiresIn": {
        "type": "number"
      },
      "user": {
        "$ref": "#/components/schemas/UserView"
      }
    },
    "required": [
      "accessToken",
      "expiresIn",
      "user"
    ]
  },
  "MatchKind": {
    "type": "string",
    "enum": [
      "exact",
      "bracketed",
      "contains"
    ],
    "description": "How a column's header matched an item's words: the same, a grid row in brackets, or inside a longer header."
  },
  "MemberRole": {
    "type": "string",
    "enum": [
      "coach",
      "librarian"
    ]
  },
  "MembershipView": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "title": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "coach",
          "librarian"
        ]
      }
    },
    "required": [
      "initiativeId",
      "title",
      "role"
    ]
  },
  "MemberView": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "userId": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "coach",
          "librarian"
        ]
      },
      "name": {
        "type": "string"
      },
      "email": {
        "type": "string"
      }
    },
    "required": [
      "initiativeId",
      "userId",
      "role",
      "name",
      "email"
    ]
  },
  "MeView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "email": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "admin",
          "coach",
          "librarian",
          "subscriber"
        ]
      },
      "memberships": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/MembershipView"
        }
      }
    },
    "required": [
      "id",
      "email",
      "name",
      "role",
      "memberships"
    ],
    "description": "GET /me: the caller, with their initiative memberships."
  },
  "NotificationKind": {
    "type": "string",
    "enum": [
      "review_requested",
      "changes_requested",
      "approved",
      "comment"
    ]
  },
  "NotificationSettingsView": {
    "type": "object",
    "properties": {
      "reviewEmails": {
        "type": "string",
        "enum": [
          "immediately",
          "daily",
          "off"
        ]
      }
    },
    "required": [
      "reviewEmails"
    ]
  },
  "NotificationsPage": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/NotificationView"
        }
      },
      "total": {
        "type": "number"
      },
      "unread": {
        "type": "number"
      }
    },
    "required": [
      "items",
      "total",
      "unread"
    ]
  },
  "NotificationView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "review_requested",
          "changes_requested",
          "approved",
          "comment"
        ]
      },
      "cycleId": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "title": {
        "type": "string"
      },
      "body": {
        "type": "string"
      },
      "createdAt": {
        "type": "string"
      },
      "readAt": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "id",
      "kind",
      "cycleId",
      "initiativeId",
      "title",
      "body",
      "createdAt",
      "readAt"
    ]
  },
  "Nudge": {
    "type": "object",
    "properties": {
      "code": {
        "type": "string",
        "enum": [
          "no_prediction",
          "single_data_point",
          "one_kind_of_evidence",
          "reflection_ignores_prediction",
          "decision_without_next_steps"
        ]
      },
      "message": {
        "type": "string"
      }
    },
    "required": [
      "code",
      "message"
    ],
    "description": "What would make a cycle weak: advice, never a reason the cycle cannot move on."
  },
  "NudgeCode": {
    "type": "string",
    "enum": [
      "no_prediction",
      "single_data_point",
      "one_kind_of_evidence",
      "reflection_ignores_prediction",
      "decision_without_next_steps"
    ]
  },
  "OutboxMessageView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "kind": {
        "type": "string"
      },
      "idempotencyKey": {
        "type": "string"
      },
      "to": {
        "type": "string"
      },
      "subject": {
        "type": "string"
      },
      "status": {
        "type": "string",
        "enum": [
          "queued",
          "sent",
          "failed",
          "dead"
        ]
      },
      "attempts": {
        "type": "number"
      },
      "lastError": {
        "type": "string",
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      },
      "sentAt": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "id",
      "kind",
      "idempotencyKey",
      "to",
      "subject",
      "status",
      "attempts",
      "lastError",
      "createdAt",
      "sentAt"
    ],
    "description": "One email of the outbox, as an admin sees it (GET /admin/outbox)."
  },
  "OutboxStatus": {
    "type": "string",
    "enum": [
      "queued",
      "sent",
      "failed",
      "dead"
    ]
  },
  "Outcome": {
    "type": "string",
    "enum": [
      "supported",
      "partly_supported",
      "not_supported",
      "inconclusive"
    ]
  },
  "OutcomeBeforeAfter": {
    "type": "object",
    "properties": {
      "outcome": {
        "type": "string"
      },
      "indicators": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "id": {
              "type": "string"
            },
            "name": {
              "type": "string"
            }
          },
          "required": [
            "id",
            "name"
          ]
        }
      },
      "cycles": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/OutcomeInCycle"
        }
      },
      "before": {
        "allOf": [
          {
            "$ref": "#/components/schemas/OutcomeInCycle"
          }
        ],
        "nullable": true,
        "description": "The cycle asked about (or the latest) is `after`; `before` is that cycle's baseline when it has one\n(`comparison: within_cycle`), else the latest earlier cycle with data (`across_cycles`)."
      },
      "after": {
        "allOf": [
          {
            "$ref": "#/components/schemas/OutcomeInCycle"
          }
        ],
        "nullable": true
      },
      "change": {
        "type": "number",
        "nullable": true
      },
      "comparison": {
        "type": "string",
        "enum": [
          "within_cycle",
          "across_cycles"
        ],
        "nullable": true
      }
    },
    "required": [
      "outcome",
      "indicators",
      "cycles",
      "before",
      "after",
      "change"
    ]
  },
  "OutcomeInCycle": {
    "type": "object",
    "properties": {
      "cycleId": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "mean": {
        "type": "number",
        "description": "Mean of the survey measurements on the outcome's indicators, weighted by their sample sizes."
      },
      "n": {
        "type": "number",
        "description": "Responses behind the mean (the sample sizes added up)."
      },
      "distribution": {
        "type": "object",
        "properties": {
          "1": {
            "type": "number"
          },
          "2": {
            "type": "number"
          },
          "3": {
            "type": "number"
          },
          "4": {
            "type": "number"
          },
          "5": {
            "type": "number"
          }
        },
        "required": [
          "1",
          "2",
          "3",
          "4",
          "5"
        ],
        "nullable": true,
        "description": "Imported answers per point of the scale, when the responses were imported here; null when the means were typed in."
      },
      "period": {
        "type": "string",
        "enum": [
          "before",
          "after"
        ],
        "description": "before: the cycle's baseline answers; after (or left out): its evidence."
      }
    },
    "required": [
      "cycleId",
      "cycleNumber",
      "mean",
      "n",
      "distribution"
    ]
  },
  "OverdueCheckIn": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "dueOn": {
        "type": "string"
      },
      "daysOverdue": {
        "type": "number"
      },
      "lastCheckInAt": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "dueOn",
      "daysOverdue",
      "lastCheckInAt"
    ]
  },
  "PasswordResetLinkCheck": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string"
      },
      "expiresAt": {
        "type": "string",
        "description": "Past this instant the link is refused."
      }
    },
    "required": [
      "email",
      "expiresAt"
    ],
    "description": "POST /auth/password-reset/check: the account the reset link is for (the link is not spent)."
  },
  "PasswordResetRequested": {
    "type": "object",
    "properties": {
      "message": {
        "type": "string"
      }
    },
    "required": [
      "message"
    ],
    "description": "POST /auth/password-reset: the same words whatever the email, so the answer tells nothing about accounts."
  },
  "Permanence": {
    "type": "string",
    "enum": [
      "temporary",
      "permanent"
    ]
  },
  "PersonalDataKind": {
    "type": "string",
    "enum": [
      "name",
      "email",
      "phone"
    ]
  },
  "Phase": {
    "type": "string",
    "enum": [
      "hypothesis",
      "adaptation",
      "evidence",
      "reflection",
      "review",
      "closed"
    ]
  },
  "Prediction": {
    "type": "object",
    "properties": {
      "indicatorId": {
        "type": "string"
      },
      "from": {
        "type": "number",
        "nullable": true
      },
      "to": {
        "type": "number"
      },
      "note": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "indicatorId",
      "from",
      "to",
      "note"
    ],
    "description": "What the librarian expects one of the hypothesis's indicators to show: \"attendance from 12 to 18\"."
  },
  "PredictionOutcome": {
    "type": "object",
    "properties": {
      "indicatorId": {
        "type": "string"
      },
      "indicatorName": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "from": {
        "type": "number",
        "nullable": true
      },
      "to": {
        "type": "number"
      },
      "note": {
        "type": "string",
        "nullable": true
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ],
        "description": "The way the prediction expects the indicator to move."
      },
      "observed": {
        "type": "object",
        "properties": {
          "n": {
            "type": "number"
          },
          "mean": {
            "type": "number",
            "nullable": true
          }
        },
        "required": [
          "n",
          "mean"
        ]
      },
      "met": {
        "type": "boolean",
        "nullable": true,
        "description": "Whether the observed mean reached `to` in that direction; null when nothing was measured."
      },
      "differenceFromPrediction": {
        "type": "number",
        "nullable": true
      }
    },
    "required": [
      "indicatorId",
      "indicatorName",
      "unit",
      "from",
      "to",
      "note",
      "direction",
      "observed",
      "met",
      "differenceFromPrediction"
    ],
    "description": "A prediction of the hypothesis set beside what this cycle's evidence showed."
  },
  "PrivacyFlag": {
    "type": "object",
    "properties": {
      "kind": {
        "type": "string",
        "enum": [
          "name",
          "email",
          "phone"
        ]
      },
      "reason": {
        "type": "string"
      }
    },
    "required": [
      "kind",
      "reason"
    ]
  },
  "PrivacyFlagView": {
    "type": "object",
    "properties": {
      "column": {
        "type": "number"
      },
      "header": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "name",
          "email",
          "phone"
        ]
      },
      "reason": {
        "type": "string"
      }
    },
    "required": [
      "column",
      "header",
      "kind",
      "reason"
    ]
  },
  "ProgrammeRow": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "status": {
        "type": "string",
        "enum": [
          "active",
          "paused"
        ]
      },
      "cycleId": {
        "type": "string",
        "nullable": true,
        "description": "The open cycle, or the latest one when none is open; null before the first cycle."
      },
      "cycleNumber": {
        "type": "number",
        "nullable": true
      },
      "phase": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ],
        "nullable": true
      },
      "daysInPhase": {
        "type": "number",
        "nullable": true,
        "description": "Whole days since the cycle entered its phase (its latest transition, or its creation), in the library's time zone."
      },
      "lastCheckInAt": {
        "type": "string",
        "nullable": true
      },
      "overdueDays": {
        "type": "number",
        "description": "Days the check-in is overdue (the review queue's figure); 0 when it is not. Paused initiatives are never overdue."
      },
      "nudges": {
        "type": "object",
        "properties": {
          "count": {
            "type": "number"
          },
          "words": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "count",
          "words"
        ],
        "description": "The quality nudges of the cycle while it is open (none once it is closed)."
      },
      "signals": {
        "type": "object",
        "properties": {
          "count": {
            "type": "number"
          },
          "words": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "count",
          "words"
        ]
      }
    },
    "required": [
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "status",
      "cycleId",
      "cycleNumber",
      "phase",
      "daysInPhase",
      "lastCheckInAt",
      "overdueDays",
      "nudges",
      "signals"
    ],
    "description": "One initiative in the programme view: where it stands, side by side with the other pilots."
  },
  "ProgrammeSort": {
    "type": "string",
    "enum": [
      "initiative",
      "library",
      "cycleNumber",
      "phase",
      "daysInPhase",
      "lastCheckIn",
      "overdueDays",
      "nudges",
      "signals"
    ]
  },
  "ProgrammeView": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ProgrammeRow"
        }
      },
      "sort": {
        "type": "string",
        "enum": [
          "initiative",
          "library",
          "cycleNumber",
          "phase",
          "daysInPhase",
          "lastCheckIn",
          "overdueDays",
          "nudges",
          "signals"
        ]
      },
      "direction": {
        "type": "string",
        "enum": [
          "asc",
          "desc"
        ]
      }
    },
    "required": [
      "items",
      "sort",
      "direction"
    ]
  },
  "QueueDashboardSession": {
    "type": "object",
    "properties": {
      "token": {
        "type": "string"
      },
      "expiresIn": {
        "type": "number",
        "description": "Seconds the token (and the dashboard's cookie) lasts."
      },
      "url": {
        "type": "string",
        "description": "The dashboard's address with the token: open it in the browser."
      }
    },
    "required": [
      "token",
      "expiresIn",
      "url"
    ],
    "description": "A short-lived token that opens the queue dashboard and nothing else (POST /admin/queue-dashboard/session)."
  },
  "Reflection": {
    "type": "object",
    "properties": {
      "outcome": {
        "type": "string",
        "enum": [
          "supported",
          "partly_supported",
          "not_supported",
          "inconclusive"
        ],
        "nullable": true
      },
      "insights": {
        "type": "string"
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ],
        "nullable": true
      },
      "nextSteps": {
        "type": "string"
      }
    },
    "required": [
      "outcome",
      "insights",
      "decision",
      "nextSteps"
    ],
    "description": "Outcome and decision are null in a reflection saved before they were chosen; a cycle cannot leave reflection without them."
  },
  "ReminderRunAnswer": {
    "anyOf": [
      {
        "type": "object",
        "properties": {
          "queued": {
            "type": "boolean",
            "enum": [
              true
            ]
          },
          "jobId": {
            "type": "string"
          }
        },
        "required": [
          "queued",
          "jobId"
        ]
      },
      {
        "type": "object",
        "properties": {
          "queued": {
            "type": "boolean",
            "enum": [
              false
            ]
          },
          "result": {
            "$ref": "#/components/schemas/ReminderScanResult"
          }
        },
        "required": [
          "queued",
          "result"
        ]
      }
    ],
    "description": "POST /admin/reminders/run: queued for the worker, or (Redis unreachable) run in the request."
  },
  "ReminderScanResult": {
    "type": "object",
    "properties": {
      "initiatives": {
        "type": "number"
      },
      "due": {
        "type": "number"
      },
      "emailsAdded": {
        "type": "number"
      }
    },
    "required": [
      "initiatives",
      "due",
      "emailsAdded"
    ],
    "description": "What a reminder scan did."
  },
  "ReviewEmailChoice": {
    "type": "string",
    "enum": [
      "immediately",
      "daily",
      "off"
    ]
  },
  "ReviewQueue": {
    "type": "object",
    "properties": {
      "cyclesInReview": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/CycleAwaitingReview"
        }
      },
      "overdueCheckIns": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/OverdueCheckIn"
        }
      }
    },
    "required": [
      "cyclesInReview",
      "overdueCheckIns"
    ],
    "description": "A coach's queue: cycles waiting for their review, and initiatives whose check-in is overdue."
  },
  "ReviewVerdict": {
    "type": "string",
    "enum": [
      "comment",
      "approve",
      "request_changes"
    ]
  },
  "ReviewView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "authorId": {
        "type": "string"
      },
      "authorName": {
        "type": "string",
        "description": "The coach's (or admin's) name as their account has it now."
      },
      "round": {
        "type": "number",
        "description": "1 for the first review round; each request for changes starts the next."
      },
      "verdict": {
        "type": "string",
        "enum": [
          "comment",
          "approve",
          "request_changes"
        ]
      },
      "body": {
        "type": "string"
      },
      "returnTo": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ],
        "nullable": true
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "authorId",
      "authorName",
      "round",
      "verdict",
      "body",
      "returnTo",
      "createdAt"
    ]
  },
  "Role": {
    "type": "string",
    "enum": [
      "admin",
      "coach",
      "librarian",
      "subscriber"
    ]
  },
  "ScaleDistribution": {
    "type": "object",
    "properties": {
      "n": {
        "type": "number",
        "description": "Whole scores counted below."
      },
      "counts": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "point": {
              "type": "number"
            },
            "entries": {
              "type": "number"
            }
          },
          "required": [
            "point",
            "entries"
          ]
        }
      },
      "notWhole": {
        "type": "number",
        "description": "Measurements that are not one whole score, such as a survey's mean of 3.8; they cannot be placed on a point."
      }
    },
    "required": [
      "n",
      "counts",
      "notWhole"
    ]
  },
  "ScalePoint": {
    "type": "string",
    "enum": [
      "1",
      "2",
      "3",
      "4",
      "5"
    ],
    "description": "A point of the 1–5 scale, as the key of a distribution."
  },
  "SectionChange": {
    "type": "object",
    "properties": {
      "section": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "reflection"
        ]
      },
      "fields": {
        "type": "array",
        "items": {
          "type": "string"
        }
      }
    },
    "required": [
      "section",
      "fields"
    ],
    "description": "A section of the cycle the librarians changed after a coach asked for changes, and which of its fields."
  },
  "StarterIndicator": {
    "type": "object",
    "properties": {
      "templateKey": {
        "type": "string",
        "description": "An indicator template of the catalogue, adopted if the initiative does not have it yet…"
      },
      "name": {
        "type": "string",
        "description": "…or an indicator of its own (always a 1–5 score)."
      },
      "description": {
        "type": "string"
      }
    },
    "description": "The indicator a starter item is recorded on."
  },
  "StarterItem": {
    "type": "object",
    "properties": {
      "key": {
        "type": "string"
      },
      "outcome": {
        "type": "string"
      },
      "text": {
        "type": "string"
      },
      "indicator": {
        "$ref": "#/components/schemas/StarterIndicator"
      }
    },
    "required": [
      "key",
      "outcome",
      "text",
      "indicator"
    ],
    "description": "A statement of the starter trust survey that ships with the product."
  },
  "StarterItemPage": {
    "type": "object",
    "properties": {
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/StarterItem"
        }
      },
      "total": {
        "type": "number"
      }
    },
    "required": [
      "items",
      "total"
    ]
  },
  "StrategyTagView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "retired": {
        "type": "boolean"
      }
    },
    "required": [
      "id",
      "name",
      "retired"
    ],
    "description": "A strategy tag from the coalition's curated list (gathering design, world café …). Retired tags stay on the cycles that carry them."
  },
  "SubscriberImportResult": {
    "type": "object",
    "properties": {
      "created": {
        "type": "number"
      },
      "existing": {
        "type": "number"
      },
      "invalid": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "line": {
              "type": "number"
            },
            "problem": {
              "type": "string"
            }
          },
          "required": [
            "line",
            "problem"
          ]
        }
      },
      "dryRun": {
        "type": "boolean"
      }
    },
    "required": [
      "created",
      "existing",
      "invalid",
      "dryRun"
    ],
    "description": "POST /users/import: always `invalid: []` in a 200 (a list with bad lines is refused whole)."
  },
  "SummarisedIndicator": {
    "type": "object",
    "properties": {
      "baseline": {
        "type": "number",
        "nullable": true
      },
      "id": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "unit": {
        "type": "string"
      },
      "kind": {
        "type": "string",
        "enum": [
          "count",
          "scale_1_5",
          "percent",
          "text"
        ]
      },
      "direction": {
        "type": "string",
        "enum": [
          "increase",
          "decrease"
        ]
      },
      "target": {
        "type": "number",
        "nullable": true
      }
    },
    "required": [
      "baseline",
      "id",
      "name",
      "unit",
      "kind",
      "direction",
      "target"
    ],
    "description": "What a summary repeats of an indicator."
  },
  "SummaryContent": {
    "type": "object",
    "properties": {
      "version": {
        "type": "number"
      },
      "compiledAt": {
        "type": "string"
      },
      "link": {
        "type": "string",
        "description": "Where the summary can be read online."
      },
      "initiative": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "libraryName": {
            "type": "string"
          },
          "audience": {
            "type": "string"
          },
          "learningQuestion": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "title",
          "libraryName",
          "audience",
          "learningQuestion"
        ]
      },
      "cycle": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "number": {
            "type": "number"
          },
          "title": {
            "type": "string"
          },
          "phase": {
            "type": "string",
            "enum": [
              "hypothesis",
              "adaptation",
              "evidence",
              "reflection",
              "review",
              "closed"
            ]
          },
          "plannedStart": {
            "type": "string"
          },
          "plannedEnd": {
            "type": "string"
          },
          "closedAt": {
            "type": "string",
            "nullable": true
          }
        },
        "required": [
          "id",
          "number",
          "title",
          "phase",
          "plannedStart",
          "plannedEnd",
          "closedAt"
        ]
      },
      "hypothesis": {
        "type": "object",
        "properties": {
          "statement": {
            "type": "string"
          },
          "expectedOutcome": {
            "type": "string"
          },
          "rationale": {
            "type": "string"
          },
          "learningQuestion": {
            "type": "string",
            "nullable": true
          },
          "indicatorIds": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "predictions": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Prediction"
            },
            "description": "Absent on hypotheses saved before predictions existed."
          },
          "indicatorNames": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "statement",
          "expectedOutcome",
          "rationale",
          "learningQuestion",
          "indicatorIds",
          "indicatorNames"
        ],
        "nullable": true
      },
      "adaptation": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Adaptation"
          }
        ],
        "nullable": true
      },
      "evidence": {
        "type": "object",
        "properties": {
          "total": {
            "type": "number"
          },
          "measurements": {
            "type": "number"
          },
          "observations": {
            "type": "number"
          },
          "quotes": {
            "type": "number"
          },
          "stories": {
            "type": "number"
          }
        },
        "required": [
          "total",
          "measurements",
          "observations",
          "quotes",
          "stories"
        ]
      },
      "indicators": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/IndicatorSummary"
        }
      },
      "predictions": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/PredictionOutcome"
        }
      },
      "adaptationLog": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/LoggedAdaptationSummary"
        },
        "description": "This cycle's adaptation log. Earlier cycles' entries appear only as markers on the run charts."
      },
      "chartMarkers": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ChartMarker"
        },
        "description": "Every adaptation up to this cycle, as the run charts mark it, with the cycles' planned spans to place it by date."
      },
      "cycleSpans": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/CycleSpan"
        }
      },
      "outcomes": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/OutcomeBeforeAfter"
        },
        "description": "Survey results per outcome: this cycle (after) beside the latest earlier cycle with data (before), n beside each."
      },
      "quotes": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/SummaryQuote"
        },
        "description": "Quotes and stories of this cycle, oldest first; at most a fixed number of them."
      },
      "quotesNotShown": {
        "type": "number"
      },
      "reflection": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Reflection"
          }
        ],
        "nullable": true
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ],
        "nullable": true
      },
      "reviews": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/SummaryReview"
        },
        "description": "Every review of the cycle, oldest first: verdict, the coach's note, who, when, and in which round."
      }
    },
    "required": [
      "version",
      "compiledAt",
      "link",
      "initiative",
      "cycle",
      "hypothesis",
      "adaptation",
      "evidence",
      "indicators",
      "predictions",
      "adaptationLog",
      "chartMarkers",
      "cycleSpans",
      "outcomes",
      "quotes",
      "quotesNotShown",
      "reflection",
      "decision",
      "reviews"
    ],
    "description": "The JSON form of a cycle summary (GET /cycles/:id/summary); the Markdown and HTML forms are rendered\nfrom it. A stored summary keeps the shape of the version that compiled it: see the web app's\n`Summary` for the fields older ones lack."
  },
  "SummaryListItem": {
    "type": "object",
    "properties": {
      "cycleId": {
        "type": "string"
      },
      "cycleNumber": {
        "type": "number"
      },
      "cycleTitle": {
        "type": "string"
      },
      "phase": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ]
      },
      "initiativeId": {
        "type": "string"
      },
      "initiativeTitle": {
        "type": "string"
      },
      "libraryName": {
        "type": "string"
      },
      "closedAt": {
        "type": "string",
        "nullable": true
      },
      "outcome": {
        "type": "string",
        "enum": [
          "supported",
          "partly_supported",
          "not_supported",
          "inconclusive"
        ],
        "nullable": true
      },
      "decision": {
        "type": "string",
        "enum": [
          "adapt",
          "continue",
          "scale",
          "stop"
        ],
        "nullable": true
      },
      "keyInsight": {
        "type": "string",
        "nullable": true
      },
      "version": {
        "type": "number"
      },
      "compiledAt": {
        "type": "string"
      }
    },
    "required": [
      "cycleId",
      "cycleNumber",
      "cycleTitle",
      "phase",
      "initiativeId",
      "initiativeTitle",
      "libraryName",
      "closedAt",
      "outcome",
      "decision",
      "keyInsight",
      "version",
      "compiledAt"
    ],
    "description": "One compiled summary the caller may read (GET /summaries): the latest version of a cycle's summary."
  },
  "SummaryQuote": {
    "type": "object",
    "properties": {
      "kind": {
        "type": "string",
        "enum": [
          "measurement",
          "observation",
          "quote",
          "story"
        ]
      },
      "text": {
        "type": "string"
      },
      "observedOn": {
        "type": "string"
      },
      "source": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "kind",
      "text",
      "observedOn",
      "source"
    ],
    "description": "A quote or story of the cycle, as the summary shows it."
  },
  "SummaryRequested": {
    "type": "object",
    "properties": {
      "requestId": {
        "type": "string"
      },
      "cycleId": {
        "type": "string"
      },
      "status": {
        "type": "string",
        "enum": [
          "requested"
        ]
      }
    },
    "required": [
      "requestId",
      "cycleId",
      "status"
    ],
    "description": "The answer to an admin's request for a new version (202): the summaries job compiles it shortly."
  },
  "SummaryReview": {
    "type": "object",
    "properties": {
      "verdict": {
        "type": "string",
        "enum": [
          "comment",
          "approve",
          "request_changes"
        ]
      },
      "note": {
        "type": "string"
      },
      "coachName": {
        "type": "string"
      },
      "createdAt": {
        "type": "string"
      },
      "round": {
        "type": "number"
      },
      "returnTo": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ],
        "nullable": true
      }
    },
    "required": [
      "verdict",
      "note",
      "coachName",
      "createdAt",
      "round",
      "returnTo"
    ],
    "description": "A coach's review as the summary carries it."
  },
  "SurveyDatesRead": {
    "type": "object",
    "properties": {
      "format": {
        "type": "string",
        "enum": [
          "month_first",
          "day_first",
          "iso"
        ],
        "nullable": true,
        "description": "iso (2026-03-02), month_first, day_first; null when there are no dates, or when they cannot be read one way."
      },
      "chosen": {
        "type": "boolean",
        "description": "True when the order is the one the librarian chose (a choice the dates contradict is not taken)."
      },
      "ambiguous": {
        "type": "boolean",
        "description": "True when no date tells the order (every number is 12 or less): the librarian must choose."
      },
      "mixed": {
        "type": "object",
        "properties": {
          "dayFirst": {
            "type": "string"
          },
          "monthFirst": {
            "type": "string"
          }
        },
        "required": [
          "dayFirst",
          "monthFirst"
        ],
        "nullable": true,
        "description": "Two dates that cannot be written the same way; the file is refused."
      },
      "example": {
        "type": "string",
        "nullable": true,
        "description": "A date from the file, as written."
      }
    },
    "required": [
      "format",
      "chosen",
      "ambiguous",
      "mixed",
      "example"
    ],
    "description": "How the preview read the responses' dates, from the whole column."
  },
  "SurveyFileRead": {
    "type": "object",
    "properties": {
      "kind": {
        "type": "string",
        "enum": [
          "csv",
          "xlsx"
        ]
      },
      "encoding": {
        "type": "string",
        "enum": [
          "utf-8",
          "windows-1252"
        ],
        "description": "utf-8, or windows-1252 when the file was not valid UTF-8 (Excel's default CSV on Windows)."
      },
      "unreadableLines": {
        "type": "array",
        "items": {
          "type": "number"
        },
        "description": "Lines holding characters that could not be read (U+FFFD): answers or headers on them may not match."
      }
    },
    "required": [
      "kind",
      "encoding",
      "unreadableLines"
    ],
    "description": "How the file's text was read."
  },
  "SurveyImportListItem": {
    "type": "object",
    "properties": {
      "cycleNumber": {
        "type": "number"
      },
      "undo": {
        "$ref": "#/components/schemas/ImportPossibility"
      },
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "cycleId": {
        "type": "string"
      },
      "source": {
        "type": "string",
        "enum": [
          "google_forms",
          "microsoft_forms",
          "csv"
        ]
      },
      "period": {
        "type": "string",
        "enum": [
          "before",
          "after"
        ],
        "description": "before: the cycle's baseline (no evidence entries); after: evidence for the cycle."
      },
      "observedOn": {
        "type": "string"
      },
      "responses": {
        "type": "number"
      },
      "columns": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "column": {
              "type": "number"
            },
            "header": {
              "type": "string"
            },
            "itemId": {
              "type": "string"
            }
          },
          "required": [
            "column",
            "header",
            "itemId"
          ]
        }
      },
      "evidenceIds": {
        "type": "array",
        "items": {
          "type": "string"
        }
      },
      "importedBy": {
        "type": "string",
        "nullable": true
      },
      "importedAt": {
        "type": "string"
      }
    },
    "required": [
      "cycleNumber",
      "undo",
      "id",
      "initiativeId",
      "cycleId",
      "source",
      "period",
      "observedOn",
      "responses",
      "columns",
      "evidenceIds",
      "importedBy",
      "importedAt"
    ],
    "description": "An import as the list shows it: whether it can still be undone, and why not."
  },
  "SurveyImportPreview": {
    "type": "object",
    "properties": {
      "file": {
        "$ref": "#/components/schemas/SurveyFileRead"
      },
      "dates": {
        "$ref": "#/components/schemas/SurveyDatesRead"
      },
      "warnings": {
        "type": "array",
        "items": {
          "type": "string"
        },
        "description": "Plain-language reasons the import is not ready, or what to check before importing."
      },
      "source": {
        "type": "string",
        "enum": [
          "google_forms",
          "microsoft_forms",
          "csv"
        ]
      },
      "rows": {
        "type": "number",
        "description": "Rows below the header row."
      },
      "columns": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ColumnPreview"
        }
      },
      "mapping": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ColumnMapping"
        },
        "description": "The mapping the columns' headers suggest, or the one sent with the preview; send it (changed or not) to import."
      },
      "unmatchedItems": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "id": {
              "type": "string"
            },
            "text": {
              "type": "string"
            }
          },
          "required": [
            "id",
            "text"
          ]
        },
        "description": "Items no column was matched to."
      },
      "privacyFlags": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/PrivacyFlagView"
        },
        "description": "Columns never stored: they look like names, email addresses or phone numbers."
      },
      "badRows": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/BadRow"
        },
        "description": "With that mapping: each row that would stop the import."
      },
      "emptyLines": {
        "type": "array",
        "items": {
          "type": "number"
        },
        "description": "Rows that answer none of the mapped items (left out, not refused)."
      },
      "responses": {
        "type": "number",
        "description": "Responses the import would record."
      },
      "responseDates": {
        "type": "object",
        "properties": {
          "first": {
            "type": "string"
          },
          "last": {
            "type": "string"
          }
        },
        "required": [
          "first",
          "last"
        ],
        "nullable": true,
        "description": "First and last day of the responses, when the export dates them."
      },
      "readyToImport": {
        "type": "boolean",
        "description": "True when the mapping maps at least one column and no row is bad."
      },
      "target": {
        "$ref": "#/components/schemas/SurveyImportTarget"
      },
      "split": {
        "allOf": [
          {
            "$ref": "#/components/schemas/SurveySplitPreview"
          }
        ],
        "nullable": true,
        "description": "The responses before and after the change date, when the cycle has one and the file dates its responses."
      }
    },
    "required": [
      "file",
      "dates",
      "warnings",
      "source",
      "rows",
      "columns",
      "mapping",
      "unmatchedItems",
      "privacyFlags",
      "badRows",
      "emptyLines",
      "responses",
      "responseDates",
      "readyToImport",
      "target",
      "split"
    ]
  },
  "SurveyImportResult": {
    "type": "object",
    "properties": {
      "import": {
        "$ref": "#/components/schemas/SurveyImportView"
      },
      "evidence": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/EvidenceView"
        }
      },
      "imports": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/SurveyImportView"
        },
        "description": "A split import's two parts: the baseline and the after import (`import` is the after one)."
      }
    },
    "required": [
      "import",
      "evidence"
    ]
  },
  "SurveyImportTarget": {
    "type": "object",
    "properties": {
      "cycleId": {
        "type": "string",
        "nullable": true,
        "description": "The initiative's open cycle, or null when it has none."
      },
      "cycleNumber": {
        "type": "number",
        "nullable": true
      },
      "phase": {
        "type": "string",
        "enum": [
          "hypothesis",
          "adaptation",
          "evidence",
          "reflection",
          "review",
          "closed"
        ],
        "nullable": true
      },
      "changeDate": {
        "type": "string",
        "nullable": true,
        "description": "The day the cycle's change was made (its adaptation's date), once the adaptation is written."
      },
      "before": {
        "$ref": "#/components/schemas/ImportPossibility"
      },
      "after": {
        "$ref": "#/components/schemas/ImportPossibility"
      },
      "split": {
        "$ref": "#/components/schemas/ImportPossibility"
      }
    },
    "required": [
      "cycleId",
      "cycleNumber",
      "phase",
      "changeDate",
      "before",
      "after",
      "split"
    ],
    "description": "Where an import would land, known before any file is chosen."
  },
  "SurveyImportView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "initiativeId": {
        "type": "string"
      },
      "cycleId": {
        "type": "string"
      },
      "source": {
        "type": "string",
        "enum": [
          "google_forms",
          "microsoft_forms",
          "csv"
        ]
      },
      "period": {
        "type": "string",
        "enum": [
          "before",
          "after"
        ],
        "description": "before: the cycle's baseline (no evidence entries); after: evidence for the cycle."
      },
      "observedOn": {
        "type": "string"
      },
      "responses": {
        "type": "number"
      },
      "columns": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "column": {
              "type": "number"
            },
            "header": {
              "type": "string"
            },
            "itemId": {
              "type": "string"
            }
          },
          "required": [
            "column",
            "header",
            "itemId"
          ]
        }
      },
      "evidenceIds": {
        "type": "array",
        "items": {
          "type": "string"
        }
      },
      "importedBy": {
        "type": "string",
        "nullable": true
      },
      "importedAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "initiativeId",
      "cycleId",
      "source",
      "period",
      "observedOn",
      "responses",
      "columns",
      "evidenceIds",
      "importedBy",
      "importedAt"
    ]
  },
  "SurveyItemView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "position": {
        "type": "number"
      },
      "text": {
        "type": "string"
      },
      "outcome": {
        "type": "string"
      },
      "indicatorId": {
        "type": "string"
      },
      "indicatorName": {
        "type": "string",
        "nullable": true
      },
      "starterKey": {
        "type": "string",
        "nullable": true
      }
    },
    "required": [
      "id",
      "position",
      "text",
      "outcome",
      "indicatorId",
      "indicatorName",
      "starterKey"
    ],
    "description": "A statement respondents rate 1–5, tied to an outcome and the 1–5 indicator its mean is recorded on."
  },
  "SurveyOutcomes": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "cycleId": {
        "type": "string",
        "nullable": true
      },
      "outcomes": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/OutcomeBeforeAfter"
        }
      }
    },
    "required": [
      "initiativeId",
      "cycleId",
      "outcomes"
    ]
  },
  "SurveyPeriod": {
    "type": "string",
    "enum": [
      "before",
      "after"
    ]
  },
  "SurveySplitPreview": {
    "type": "object",
    "properties": {
      "changeDate": {
        "type": "string"
      },
      "before": {
        "type": "number",
        "description": "Responses dated before the change date, and on or after it."
      },
      "after": {
        "type": "number"
      },
      "undated": {
        "type": "number",
        "description": "Responses with no readable date (a split import refuses them)."
      },
      "spansChange": {
        "type": "boolean",
        "description": "True when the file has responses on both sides of the change date."
      }
    },
    "required": [
      "changeDate",
      "before",
      "after",
      "undated",
      "spansChange"
    ],
    "description": "How a file's dated responses fall around the change date."
  },
  "SurveyView": {
    "type": "object",
    "properties": {
      "initiativeId": {
        "type": "string"
      },
      "title": {
        "type": "string"
      },
      "scaleLabels": {
        "type": "array",
        "items": {
          "type": "string"
        },
        "description": "The words for 1 to 5."
      },
      "items": {
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/SurveyItemView"
        }
      }
    },
    "required": [
      "initiativeId",
      "title",
      "scaleLabels",
      "items"
    ]
  },
  "Unsubscribed": {
    "type": "object",
    "properties": {
      "unsubscribed": {
        "type": "boolean",
        "enum": [
          true
        ]
      },
      "email": {
        "type": "string",
        "description": "The address, partly hidden: the link may have been forwarded."
      },
      "since": {
        "type": "string"
      }
    },
    "required": [
      "unsubscribed",
      "email",
      "since"
    ],
    "description": "POST /unsubscribe (JSON)"
  },
  "UserView": {
    "type": "object",
    "properties": {
      "id": {
        "type": "string"
      },
      "email": {
        "type": "string"
      },
      "name": {
        "type": "string"
      },
      "role": {
        "type": "string",
        "enum": [
          "admin",
          "coach",
          "librarian",
          "subscriber"
        ]
      },
      "active": {
        "type": "boolean"
      },
      "createdAt": {
        "type": "string"
      }
    },
    "required": [
      "id",
      "email",
      "name",
      "role",
      "active",
      "createdAt"
    ]
  },
  "WorkingPhase": {
    "type": "string",
    "enum": [
      "hypothesis",
      "adaptation",
      "evidence",
      "reflection"
    ]
  }
};
