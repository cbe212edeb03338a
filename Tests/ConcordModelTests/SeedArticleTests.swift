import Testing
@testable import ConcordModel

/// The seed article, "Customer support (Partner Center operated by 21Vianet)", in every locale of the sample.
@Suite("Seed article model")
struct SeedArticleTests {
    static let locales = ["en-US", "es-ES", "pt-BR", "ja-JP", "zh-CN"]

    @Test("every locale has the same shape", arguments: locales)
    func shape(locale: String) throws {
        let article = try Fixtures.sample(locale, "customer-support.md")
        #expect(article.locale == locale)
        #expect(article.path == "customer-support.md")
        #expect(article.procedures.map(\.steps.count) == [3, 4])
        #expect(article.categories.count == 1)
        #expect(article.categories.first?.items.count == 7)
        #expect(article.appliesTo.count == 1)
        #expect(article.relatedLinks.map(\.destination) == [
            "provide-technical-support.md", "provide-billing-support.md", "customer-self-support.md",
        ])
        #expect(article.sections.map(\.anchor) == [
            "customer-support", "getting-customer-support", "providing-customer-support",
            "escalate-a-customer-issue-to-21vianet",
        ])
        #expect(article.sections.allSatisfy { $0.explicitAnchor })
        #expect(article.sections.map(\.level) == [1, 2, 2, 3])
        #expect(article.metadata.contentLocale == locale)
    }

    @Test func spanishModelInDetail() throws {
        let article = try Fixtures.sample("es-ES", "customer-support.md")
        #expect(article.title == "Soporte al cliente")
        #expect(article.metadata.title == "Asistencia al cliente (centro de partners operado por 21Vianet)")
        #expect(article.metadata.topic == "article")
        #expect(article.metadata.date == "10/29/2018")
        #expect(article.metadata.author == "MaggiePucciEvans")
        #expect(article.metadata.msAuthor == "evansma")
        #expect(article.metadata.sourceGitCommit == "b1ab80345b4e4af649fb8cc51d96d798e0791ade")
        #expect(article.metadata.openLocFileHash == "adce46be7073164bd285146bf8058bfa41a32709")
        #expect(article.metadata.translationType == "HT")
        #expect(article.metadata.lastHandoff == "04/23/2019")
        #expect(article.metadata.locFileID == "62132545")
        #expect(article.metadata.entries.map(\.key) == [
            "title", "ms.topic", "ms.date", "description", "author", "ms.author", "ms.openlocfilehash",
            "ms.sourcegitcommit", "ms.translationtype", "ms.contentlocale", "ms.lasthandoff", "ms.locfileid",
        ])
        #expect(article.metadata.line(of: "ms.contentlocale") == 11)

        #expect(article.sections.map(\.line) == [15, 23, 33, 56])
        #expect(article.appliesTo == ["Centro de partners operado por 21Vianet"])

        let first = article.procedures[0]
        #expect(first.title == "Para enviar una solicitud de servicio con 21Vianet")
        #expect(first.section == "getting-customer-support")
        #expect(first.line == 27)
        #expect(first.steps.map(\.number) == [1, 2, 3])
        #expect(first.steps.map(\.line) == [29, 30, 31])
        #expect(first.steps.allSatisfy { $0.column == 1 })
        #expect(first.steps[0].uiElements == ["admitir solicitudes", "solicita el centro de partners"])
        #expect(first.steps[0].text == "En el menú panel del centro de partners, seleccione admitir solicitudes > solicita el centro de partners.")
        #expect(first.steps[1].uiElements == ["Nueva solicitud"])
        #expect(first.steps[2].uiElements == ["Enviar"])

        let second = article.procedures[1]
        #expect(second.section == "escalate-a-customer-issue-to-21vianet")
        #expect(second.line == 60)
        #expect(second.steps.map(\.line) == [62, 63, 64, 65])
        #expect(second.steps.map(\.uiElements) == [
            ["admitir solicitudes", "las solicitudes de cliente"], ["nueva solicitud"], [],
            ["enviar una solicitud de servicio", "enviar"],
        ])

        let services = try #require(article.categories.first)
        #expect(services.section == "providing-customer-support")
        #expect(services.line == 39)
        #expect(services.items.first == "Configuración de cuenta")
        #expect(services.items.last == "Problemas de disponibilidad de rendimiento y servicio en el intervalo de control")
        #expect(services.intro.hasPrefix("Ejemplos de los servicios de soporte técnico"))

        #expect(article.links.count == 5)
        let agreement = article.links[0]
        #expect(agreement.destination == "csp-program-guide-and-agreements.md")
        #expect(agreement.text == "acuerdo y la Guía de programas de revendedor de CSP de China")
        #expect(agreement.kind == .inline)
        #expect(agreement.section == "providing-customer-support")
        #expect(agreement.line == 47)
        #expect(agreement.column == 82, "UTF-8 byte column: accented letters before the link count twice")
    }

    @Test func portugueseSteps() throws {
        let article = try Fixtures.sample("pt-BR", "customer-support.md")
        #expect(article.procedures.map(\.steps.count) == [3, 4])
        #expect(article.procedures[0].steps[0].uiElements.count == 2)
        #expect(article.procedures.flatMap(\.steps).map(\.line) == [29, 30, 31, 62, 63, 64, 65])
    }

    @Test func jsonIsDeterministicAndSorted() throws {
        let article = try Fixtures.sample("ja-JP", "customer-support.md")
        let first = try article.jsonData()
        let second = try Fixtures.sample("ja-JP", "customer-support.md").jsonData()
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\"appliesTo\""))
        #expect(text.contains("カスタマー サポート") || text.contains("サポート"))
        // Keys appear in sorted order at the top level.
        let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        for key in ["path", "locale", "title", "metadata", "sections", "procedures", "categories", "appliesTo",
                    "relatedLinks", "links", "alerts", "tables", "codeBlocks", "includes"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["textBlocks"] == nil)
        let procedures = try #require(object["procedures"] as? [[String: Any]])
        let step = try #require((procedures[0]["steps"] as? [[String: Any]])?.first)
        #expect(Set(step.keys).isSuperset(of: ["number", "text", "uiElements", "links", "line", "column", "substeps"]))
    }
}

import Foundation
