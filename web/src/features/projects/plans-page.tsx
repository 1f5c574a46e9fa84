import { Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { AnnualPlanCard } from './annual-plan-card';
import { TargetsCard } from './targets-card';

/** The years the page offers: two back, this one and the next (plans are drafted the year before). */
function yearOptions(current: number) {
  return [current + 1, current, current - 1, current - 2].map((year) => ({
    value: year,
    label: `${year}年`,
  }));
}

/** 年度计划与目标: the year's plan (versions, 审定) and the targets with their completion. */
export function PlansPage() {
  const currentYear = dayjs().year();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = Number(searchParams.get('year'));
  const year =
    Number.isInteger(requested) && Math.abs(requested - currentYear) <= 5 ? requested : currentYear;
  const isAdmin = useCan('registry.admin');

  return (
    <PageContainer
      title="年度计划与目标"
      description="年度计划审定后冻结各项目的计划类别和年度计划投资；目标按区划设定，完成数实时统计"
      extra={
        <Flex align="center" gap={8}>
          <span>年度</span>
          <Select
            value={year}
            aria-label="年度"
            style={{ width: 120 }}
            options={yearOptions(currentYear)}
            onChange={(next: number) =>
              setSearchParams(next === currentYear ? {} : { year: String(next) }, { replace: true })
            }
          />
        </Flex>
      }
    >
      <TargetsCard key={`targets-${year}`} year={year} canEdit={isAdmin} />
      <AnnualPlanCard key={`plan-${year}`} year={year} canApprove={isAdmin} />
    </PageContainer>
  );
}
